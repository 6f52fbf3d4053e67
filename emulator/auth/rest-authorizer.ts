// What API Gateway does before it invokes a method guarded by an authorizer: read the identity
// sources, call the Lambda authorizer (or read the Cognito token), cache the answer, evaluate its
// policy against the method ARN, and either refuse the request or pass the authorizer's context on.
import type { RestProxyEvent } from '../rest/proxy-event-types';
import type { RunningFunctions } from '../runtime/running-functions';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../shared/local-aws';
import type { IdentitySource, RestAuthorizer } from '../template/rest-api-model';
import { AuthorizerCache, type CachedAuthorization } from './authorizer-cache';
import { jwtClaims } from './jwt-claims';
import { evaluatePolicy, malformedPolicy } from './policy';

/** The gateway response types an authorization can end in. */
export type AuthRefusal =
  | { type: 'UNAUTHORIZED'; statusCode: 401; message: string }
  | { type: 'EXPIRED_TOKEN'; statusCode: 401; message: string }
  | { type: 'ACCESS_DENIED'; statusCode: 403; message: string }
  | { type: 'AUTHORIZER_CONFIGURATION_ERROR'; statusCode: 500; message: null; fault: string };

export type AuthDecision =
  | { allowed: true; authorizer: Record<string, unknown>; usageIdentifierKey?: string; cached: boolean }
  | { allowed: false; refusal: AuthRefusal; cached: boolean };

const UNAUTHORIZED: AuthRefusal = { type: 'UNAUTHORIZED', statusCode: 401, message: 'Unauthorized' };

/** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}` for the request's path. */
export function methodArn(apiId: string, stage: string, method: string, path: string): string {
  return `arn:aws:execute-api:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${apiId}/${stage}/${method}${path}`;
}

export class RestAuthorizers {
  private readonly cache = new AuthorizerCache();

  constructor(private readonly functions: RunningFunctions) {}

  /** Decides one request; `event` is the proxy event the method would get, without its authorizer. */
  async authorize(authorizer: RestAuthorizer, event: RestProxyEvent): Promise<AuthDecision> {
    const identity = authorizer.identitySources.map((source) => identityValue(source, event));
    if (identity.some((value) => value === undefined || value === '')) {
      return { allowed: false, refusal: UNAUTHORIZED, cached: false };
    }
    if (authorizer.type === 'COGNITO_USER_POOLS') return cognitoDecision(identity[0] ?? '');
    const token = identity[0] ?? '';
    if (authorizer.type === 'TOKEN' && authorizer.validationExpression !== undefined) {
      if (!new RegExp(authorizer.validationExpression).test(token))
        return { allowed: false, refusal: UNAUTHORIZED, cached: false };
    }
    const arn = methodArn(
      event.requestContext.apiId,
      event.requestContext.stage,
      event.httpMethod,
      event.path,
    );
    const key = `${authorizer.name}\u0000${identity.join('\u0000')}`;
    const cached = authorizer.ttlSeconds > 0 ? this.cache.get(key) : undefined;
    if (cached !== undefined) return decide(cached, arn, true);
    const input =
      authorizer.type === 'TOKEN'
        ? { type: 'TOKEN', authorizationToken: token, methodArn: arn }
        : {
            type: 'REQUEST',
            methodArn: arn,
            resource: event.resource,
            path: event.path,
            httpMethod: event.httpMethod,
            headers: event.headers,
            multiValueHeaders: event.multiValueHeaders,
            queryStringParameters: event.queryStringParameters,
            multiValueQueryStringParameters: event.multiValueQueryStringParameters,
            pathParameters: event.pathParameters,
            stageVariables: event.stageVariables,
            requestContext: event.requestContext,
          };
    const outcome = await this.functions.invoke(authorizer.functionId, input).outcome;
    if (outcome.kind === 'error' && outcome.error.errorMessage === 'Unauthorized') {
      return { allowed: false, refusal: UNAUTHORIZED, cached: false };
    }
    if (outcome.kind !== 'result') {
      const why =
        outcome.kind === 'timeout'
          ? 'timed out'
          : `${outcome.error.errorType}: ${outcome.error.errorMessage}`;
      return configurationError(`the authorizer ${authorizer.name} failed: ${why}`);
    }
    const answer = authorizationOf(outcome.result);
    if (typeof answer === 'string')
      return configurationError(`the authorizer ${authorizer.name} answered ${answer}`);
    this.cache.set(key, answer, authorizer.ttlSeconds);
    return decide(answer, arn, false);
  }
}

function configurationError(fault: string): AuthDecision {
  return {
    allowed: false,
    refusal: { type: 'AUTHORIZER_CONFIGURATION_ERROR', statusCode: 500, message: null, fault },
    cached: false,
  };
}

/** The policy decides, for this method ARN, whatever method the cached answer was first given for. */
function decide(answer: CachedAuthorization, arn: string, cached: boolean): AuthDecision {
  const verdict = evaluatePolicy(answer.policy, arn);
  if (verdict.effect === 'deny') {
    const message = 'User is not authorized to access this resource with an explicit deny';
    return { allowed: false, refusal: { type: 'ACCESS_DENIED', statusCode: 403, message }, cached };
  }
  if (verdict.effect === 'no-allow') {
    const message = 'User is not authorized to access this resource';
    return { allowed: false, refusal: { type: 'ACCESS_DENIED', statusCode: 403, message }, cached };
  }
  return {
    allowed: true,
    authorizer: { ...answer.context, principalId: answer.principalId, integrationLatency: 0 },
    ...(answer.usageIdentifierKey === undefined ? {} : { usageIdentifierKey: answer.usageIdentifierKey }),
    cached,
  };
}

/** A Lambda authorizer's answer, checked as API Gateway checks it; a string says what is wrong. */
function authorizationOf(result: unknown): CachedAuthorization | string {
  if (typeof result !== 'object' || result === null) return 'no object';
  const { principalId, policyDocument, context, usageIdentifierKey } = result as Record<string, unknown>;
  if (typeof principalId !== 'string') return 'no principalId string';
  const malformed = malformedPolicy(policyDocument);
  if (malformed !== undefined) return `a malformed policy: ${malformed}`;
  const values: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries((context ?? {}) as Record<string, unknown>)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      return `a context whose ${key} is not a string, number or boolean`;
    values[key] = value;
  }
  return {
    principalId,
    policy: policyDocument,
    context: values,
    ...(typeof usageIdentifierKey === 'string' ? { usageIdentifierKey } : {}),
  };
}

/** A Cognito user pool's token: its claims (its signature cannot be checked offline), refused once expired. */
function cognitoDecision(token: string): AuthDecision {
  const claims = jwtClaims(token);
  if (claims === undefined) return { allowed: false, refusal: UNAUTHORIZED, cached: false };
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now()) {
    return {
      allowed: false,
      refusal: { type: 'EXPIRED_TOKEN', statusCode: 401, message: 'The incoming token has expired' },
      cached: false,
    };
  }
  // The REST event carries every claim as a string.
  const asText = Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [
      name,
      typeof value === 'string' ? value : JSON.stringify(value),
    ]),
  );
  return { allowed: true, authorizer: { claims: asText }, cached: false };
}

function identityValue(source: IdentitySource, event: RestProxyEvent): string | undefined {
  switch (source.from) {
    case 'header': {
      const wanted = source.name.toLowerCase();
      const name = Object.keys(event.headers ?? {}).find((header) => header.toLowerCase() === wanted);
      return name === undefined ? undefined : event.headers?.[name];
    }
    case 'query':
      return event.queryStringParameters?.[source.name];
    case 'stageVariable':
      return event.stageVariables?.[source.name];
    case 'context': {
      const value = source.name
        .split('.')
        .reduce<unknown>(
          (at, key) => (at as Record<string, unknown> | null | undefined)?.[key],
          event.requestContext,
        );
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : undefined;
    }
  }
}
