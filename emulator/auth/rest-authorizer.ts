// What API Gateway does before it invokes a method guarded by an authorizer: read the identity
// sources, call the Lambda authorizer (or read the Cognito token), cache the answer, evaluate its
// policy against the method ARN, and either refuse the request or pass the authorizer's context on.
import type { AuthorizationRecord } from '../gateway/invocation-record';
import type { ProxyEventV1 } from '../formats/proxy-v1-event-types';
import type { RunningFunctions } from '../runtime/running-functions';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../shared/local-aws';
import type { IdentitySource, RestAuthorizer } from '../template/rest-api-model';
import { callAuthorizer } from './authorizer-call';
import { requestAuthorizerInput } from './request-authorizer-input';
import { AuthorizerCache } from './authorizer-cache';
import { jwtClaims } from './jwt-claims';
import { ConditionNotes } from './condition-notes';
import { evaluatePolicy, malformedPolicy, type PolicyVerdict } from './policy';

/** The gateway response types an authorization can end in. */
export type AuthRefusal =
  | { type: 'UNAUTHORIZED'; statusCode: 401; message: string }
  | { type: 'EXPIRED_TOKEN'; statusCode: 401; message: string }
  | { type: 'ACCESS_DENIED'; statusCode: 403; message: string }
  | { type: 'AUTHORIZER_CONFIGURATION_ERROR'; statusCode: 500; message: null; fault: string };

export type AuthDecision = (
  | { allowed: true; authorizer: Record<string, unknown>; usageIdentifierKey?: string }
  | { allowed: false; refusal: AuthRefusal }
) & { trace: AuthorizationRecord; note?: string };

const UNAUTHORIZED: AuthRefusal = { type: 'UNAUTHORIZED', statusCode: 401, message: 'Unauthorized' };

/** `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}` for the request's path. */
export function methodArn(apiId: string, stage: string, method: string, path: string): string {
  return `arn:aws:execute-api:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${apiId}/${stage}/${method}${path}`;
}

/** A REST Lambda authorizer's answer, checked, as it is cached per identity. */
interface CachedAuthorization {
  principalId: string;
  policy: unknown;
  /** As the function gets them: strings. */
  context: Record<string, string>;
  usageIdentifierKey?: string;
}

export class RestAuthorizers {
  private readonly cache = new AuthorizerCache<CachedAuthorization>();
  private readonly conditions = new ConditionNotes();

  constructor(private readonly functions: RunningFunctions) {}

  /** Decides one request; `event` is the proxy event the method would get, without its authorizer. */
  async authorize(authorizer: RestAuthorizer, event: ProxyEventV1): Promise<AuthDecision> {
    const name =
      authorizer.type === 'COGNITO_USER_POOLS'
        ? `${authorizer.name} (COGNITO_USER_POOLS)`
        : `${authorizer.name} (${authorizer.type}, ${authorizer.functionId})`;
    const trace = (
      decision: string,
      input: unknown = null,
      answer: unknown = null,
      cached = false,
    ): AuthorizationRecord => ({
      authorizer: name,
      input,
      answer,
      cached,
      decision,
    });
    const identity = authorizer.identitySources.map((source) => identityValue(source, event));
    const missing = authorizer.identitySources.find(
      (_, index) => identity[index] === undefined || identity[index] === '',
    );
    if (missing !== undefined) {
      return {
        allowed: false,
        refusal: UNAUTHORIZED,
        trace: trace(
          `401: the identity source ${missing.from} ${missing.name} is missing or empty; the authorizer was not called`,
        ),
      };
    }
    if (authorizer.type === 'COGNITO_USER_POOLS') return cognitoDecision(identity[0] ?? '', trace);
    const token = identity[0] ?? '';
    if (authorizer.type === 'TOKEN' && authorizer.validationExpression !== undefined) {
      if (!new RegExp(authorizer.validationExpression).test(token))
        return {
          allowed: false,
          refusal: UNAUTHORIZED,
          trace: trace(
            `401: the token does not match ${authorizer.validationExpression}; the authorizer was not called`,
          ),
        };
    }
    const arn = methodArn(
      event.requestContext.apiId,
      event.requestContext.stage,
      event.httpMethod,
      event.path,
    );
    // Cached per API and authorizer, as the service caches per authorizer; the identity values as a
    // list, so that no two different identities share an entry.
    const key = JSON.stringify([event.requestContext.apiId, authorizer.name, identity]);
    const conditionNote = (): string | undefined =>
      this.conditions.first(`${event.requestContext.apiId} ${authorizer.name}`);
    const cached = authorizer.ttlSeconds > 0 ? this.cache.get(key) : undefined;
    if (cached !== undefined)
      return decide(cached, arn, (decision) => trace(decision, null, cached, true), conditionNote);
    const input =
      authorizer.type === 'TOKEN'
        ? { type: 'TOKEN', authorizationToken: token, methodArn: arn }
        : requestAuthorizerInput(event, arn);
    const { call } = await callAuthorizer(this.functions, authorizer.functionId, input);
    if (call.kind === 'unauthorized') {
      return {
        allowed: false,
        refusal: UNAUTHORIZED,
        trace: trace('401: the authorizer threw "Unauthorized"', input, call.error),
      };
    }
    if (call.kind === 'failed') {
      const fault = `the authorizer ${authorizer.name} failed: ${call.why}`;
      return configurationError(fault, trace(`500: ${fault}`, input, call.error));
    }
    const answer = authorizationOf(call.result);
    if (typeof answer === 'string') {
      const fault = `the authorizer ${authorizer.name} answered ${answer}`;
      return configurationError(fault, trace(`500: ${fault}`, input, call.result));
    }
    this.cache.set(key, answer, authorizer.ttlSeconds);
    return decide(answer, arn, (decision) => trace(decision, input, call.result), conditionNote);
  }
}

function configurationError(fault: string, trace: AuthorizationRecord): AuthDecision {
  return {
    allowed: false,
    refusal: { type: 'AUTHORIZER_CONFIGURATION_ERROR', statusCode: 500, message: null, fault },
    trace,
  };
}

/**
 * The policy decides, for this method ARN, whatever method the cached answer was first given for.
 * `conditionNote` gives what the access line says when a Condition was not evaluated.
 */
function decide(
  answer: CachedAuthorization,
  arn: string,
  trace: (decision: string) => AuthorizationRecord,
  conditionNote: () => string | undefined,
): AuthDecision {
  const verdict = evaluatePolicy(answer.policy, arn);
  const note = verdict.conditioned ? conditionNote() : undefined;
  const decision = policyDecision(verdict, answer, arn, trace);
  return note === undefined ? decision : { ...decision, note };
}

function policyDecision(
  verdict: PolicyVerdict,
  answer: CachedAuthorization,
  arn: string,
  trace: (decision: string) => AuthorizationRecord,
): AuthDecision {
  if (verdict.effect === 'deny') {
    const message = 'User is not authorized to access this resource with an explicit deny';
    const decision = `403: statement ${verdict.statement} of the policy denies ${arn}`;
    return {
      allowed: false,
      refusal: { type: 'ACCESS_DENIED', statusCode: 403, message },
      trace: trace(decision),
    };
  }
  if (verdict.effect === 'no-allow') {
    const message = 'User is not authorized to access this resource';
    const decision = `403: no statement of the policy allows ${arn}`;
    return {
      allowed: false,
      refusal: { type: 'ACCESS_DENIED', statusCode: 403, message },
      trace: trace(decision),
    };
  }
  return {
    allowed: true,
    authorizer: { ...answer.context, principalId: answer.principalId, integrationLatency: 0 },
    ...(answer.usageIdentifierKey === undefined ? {} : { usageIdentifierKey: answer.usageIdentifierKey }),
    trace: trace(`allowed: statement ${verdict.statement} of the policy allows ${arn}`),
  };
}

/** A Lambda authorizer's answer, checked as API Gateway checks it; a string says what is wrong. */
function authorizationOf(result: unknown): CachedAuthorization | string {
  if (typeof result !== 'object' || result === null) return 'no object';
  const { principalId, policyDocument, context, usageIdentifierKey } = result as Record<string, unknown>;
  if (typeof principalId !== 'string') return 'no principalId string';
  const malformed = malformedPolicy(policyDocument);
  if (malformed !== undefined) return `a malformed policy: ${malformed}`;
  // API Gateway passes the context's values on as strings (7 → "7", true → "true") and refuses
  // an object or array value ("Output from an API Gateway Lambda authorizer").
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries((context ?? {}) as Record<string, unknown>)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      return `a context whose ${key} is not a string, number or boolean`;
    values[key] = String(value);
  }
  return {
    principalId,
    policy: policyDocument,
    context: values,
    ...(typeof usageIdentifierKey === 'string' ? { usageIdentifierKey } : {}),
  };
}

/** A Cognito user pool's token: its claims (its signature cannot be checked offline), refused once expired. */
function cognitoDecision(token: string, trace: (decision: string) => AuthorizationRecord): AuthDecision {
  const claims = jwtClaims(token);
  if (claims === undefined)
    return { allowed: false, refusal: UNAUTHORIZED, trace: trace('401: the token is not a JWT') };
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now()) {
    return {
      allowed: false,
      refusal: { type: 'EXPIRED_TOKEN', statusCode: 401, message: 'The incoming token has expired' },
      trace: trace(`401: the token expired at ${new Date(claims.exp * 1000).toISOString()}`),
    };
  }
  // The REST event carries every claim as a string.
  const asText = Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [
      name,
      typeof value === 'string' ? value : JSON.stringify(value),
    ]),
  );
  return {
    allowed: true,
    authorizer: { claims: asText },
    trace: trace('allowed: a well-formed, unexpired token (its signature is not checked offline)'),
  };
}

function identityValue(source: IdentitySource, event: ProxyEventV1): string | undefined {
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
