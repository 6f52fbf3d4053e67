// An HTTP API's Lambda authorizer: payload 2.0 (or 1.0) input, a simple `{isAuthorized, context}` or
// an IAM policy answer, identity sources checked first, answers cached per identity for the TTL.
import type { HttpProxyEventV2 } from '../formats/proxy-v2-event-types';
import type { RunningFunctions } from '../runtime/running-functions';
import type { HttpAuthorizer } from '../template/http-api-model';
import type { ProxyEventV1 } from '../formats/proxy-v1-event-types';
import { callAuthorizer } from './authorizer-call';
import { requestAuthorizerInput } from './request-authorizer-input';
import { AuthorizerCache } from './authorizer-cache';
import { ConditionNotes } from './condition-notes';
import { evaluatePolicy } from './policy';
import { methodArn } from './rest-authorizer';

export type HttpAuthDecision = (
  | { allowed: true; context: Record<string, unknown> }
  | { allowed: false; statusCode: 401 | 403 | 500; why: string }
) & {
  /** Said on the access line: the first time a policy's Conditions were not evaluated. */
  note?: string;
};

type LambdaAuthorizer = Extract<HttpAuthorizer, { type: 'REQUEST' }>;

/** `$request.header.X`, `$request.querystring.y`, `$stageVariables.z`, `$context.a.b` from a 2.0 event. */
function identityValue(source: string, event: HttpProxyEventV2): string | undefined {
  const header = /^\$request\.header\.(.+)$/i.exec(source)?.[1];
  if (header !== undefined) return event.headers[header.toLowerCase()];
  const query = /^\$request\.querystring\.(.+)$/i.exec(source)?.[1];
  if (query !== undefined) return event.queryStringParameters?.[query];
  const variable = /^\$stageVariables\.(.+)$/.exec(source)?.[1];
  if (variable !== undefined) return event.stageVariables?.[variable];
  const context = /^\$context\.(.+)$/.exec(source)?.[1];
  if (context === undefined) return undefined;
  const value = context
    .split('.')
    .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], event.requestContext);
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

export class HttpLambdaAuthorizers {
  /** The authorizers' answers as they gave them: a simple answer or a policy, decided per route. */
  private readonly cache = new AuthorizerCache<unknown>();
  private readonly conditions = new ConditionNotes();

  constructor(private readonly functions: RunningFunctions) {}

  /**
   * @param v1Event the request's payload 1.0 event, which a 1.0 authorizer's input is built from
   * ("Working with AWS Lambda authorizers for HTTP APIs": the REST-like shape, multi-value maps included)
   */
  async authorize(
    authorizer: LambdaAuthorizer,
    event: HttpProxyEventV2,
    v1Event: () => ProxyEventV1,
  ): Promise<HttpAuthDecision> {
    const identity = authorizer.identitySources.map((source) => identityValue(source, event));
    if (identity.some((value) => value === undefined || value === ''))
      return {
        allowed: false,
        statusCode: 401,
        why: 'an identity source is missing or empty; the authorizer was not called',
      };
    const { stage } = event.requestContext;
    // The ARN names the route's path within its stage, as REST's methodArn does.
    const stagePrefix = `/${stage}`;
    const path =
      stage !== '$default' && event.rawPath.startsWith(`${stagePrefix}/`)
        ? event.rawPath.slice(stagePrefix.length)
        : event.rawPath;
    const routeArn = methodArn(event.requestContext.apiId, stage, event.requestContext.http.method, path);
    // Per API and authorizer; the identity values as a list, so no two identities share an entry.
    const key = JSON.stringify([event.requestContext.apiId, authorizer.name, identity]);
    const cacheable = authorizer.ttlSeconds > 0 && identity.length > 0;
    let answer: unknown = cacheable ? this.cache.get(key) : undefined;
    if (answer === undefined) {
      const input =
        authorizer.payloadFormat === '2.0'
          ? { ...event, version: '2.0', type: 'REQUEST', routeArn, identitySource: identity }
          : v1Input(v1Event(), routeArn, identity.join(','));
      const { call } = await callAuthorizer(this.functions, authorizer.functionId, input);
      if (call.kind === 'unauthorized')
        return { allowed: false, statusCode: 401, why: 'the authorizer threw "Unauthorized"' };
      if (call.kind === 'failed')
        return { allowed: false, statusCode: 500, why: `the authorizer failed: ${call.why}` };
      answer = call.result;
      if (cacheable) this.cache.set(key, answer, authorizer.ttlSeconds);
    }
    return decide(authorizer, answer, routeArn, () =>
      this.conditions.first(`${event.requestContext.apiId} ${authorizer.name}`),
    );
  }
}

/** `conditionNote` gives what the access line says when a policy's Condition was not evaluated. */
function decide(
  authorizer: LambdaAuthorizer,
  answer: unknown,
  routeArn: string,
  conditionNote: () => string | undefined,
): HttpAuthDecision {
  const result = (answer ?? {}) as Record<string, unknown>;
  const context =
    typeof result.context === 'object' && result.context !== null
      ? (result.context as Record<string, unknown>)
      : {};
  if (
    authorizer.simpleResponses &&
    typeof result.isAuthorized !== 'boolean' &&
    result.policyDocument === undefined
  )
    return {
      allowed: false,
      statusCode: 500,
      why: 'the authorizer answered neither isAuthorized nor a policy',
    };
  if (authorizer.simpleResponses && typeof result.isAuthorized === 'boolean') {
    return result.isAuthorized
      ? { allowed: true, context }
      : { allowed: false, statusCode: 403, why: 'isAuthorized is false' };
  }
  if (typeof result.principalId !== 'string' && !authorizer.simpleResponses)
    return { allowed: false, statusCode: 500, why: 'the authorizer answered no principalId' };
  const verdict = evaluatePolicy(result.policyDocument, routeArn);
  const note = verdict.conditioned ? conditionNote() : undefined;
  const noted = note === undefined ? {} : { note };
  if (verdict.effect !== 'allow')
    return { allowed: false, statusCode: 403, why: `the policy does not allow ${routeArn}`, ...noted };
  return {
    allowed: true,
    ...noted,
    context: {
      ...context,
      ...(typeof result.principalId === 'string' ? { principalId: result.principalId } : {}),
    },
  };
}

/** A payload 1.0 authorizer's input: the REST-shaped request fields with the identity. */
function v1Input(event: ProxyEventV1, methodArn: string, identity: string): Record<string, unknown> {
  return {
    version: '1.0',
    ...requestAuthorizerInput(event, methodArn),
    identitySource: identity,
    authorizationToken: identity,
  };
}
