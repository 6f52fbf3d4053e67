// A WebSocket API's `$connect` authorizer: a REQUEST Lambda authorizer whose identity sources are
// the handshake's headers and query string, decided before `$connect` runs.
import type { RunningFunctions } from '../runtime/running-functions';
import type { WebSocketAuthorizer } from '../template/websocket-apis';
import type { WebSocketConnectEvent } from '../formats/websocket-event-types';
import { callAuthorizer } from './authorizer-call';
import { evaluatePolicy, malformedPolicy } from './policy';
import { methodArn } from './rest-authorizer';

export type ConnectDecision = (
  | { allowed: true; authorizer: Record<string, unknown> }
  | { allowed: false; status: 401 | 403 | 500; why: string }
) & {
  /** The authorizer's invocation, for the console; absent when it was not called. */
  invoked?: { input: unknown; result: unknown; logs: string[] };
};

function identityValue(source: string, event: WebSocketConnectEvent): string | undefined {
  const header = /^route\.request\.header\.(.+)$/.exec(source)?.[1];
  if (header !== undefined) {
    const name = Object.keys(event.headers ?? {}).find((key) => key.toLowerCase() === header.toLowerCase());
    return name === undefined ? undefined : event.headers?.[name];
  }
  const query = /^route\.request\.querystring\.(.+)$/.exec(source)?.[1];
  return query === undefined ? undefined : event.queryStringParameters?.[query];
}

export async function authorizeConnect(
  authorizer: WebSocketAuthorizer,
  event: WebSocketConnectEvent,
  functions: RunningFunctions,
): Promise<ConnectDecision> {
  const missing = authorizer.identitySources.find((source) => {
    const value = identityValue(source, event);
    return value === undefined || value === '';
  });
  if (missing !== undefined)
    return {
      allowed: false,
      status: 401,
      why: `${missing} is missing or empty; the authorizer was not called`,
    };
  const { apiId, stage } = event.requestContext;
  const arn = methodArn(apiId, stage, '$connect', '');
  const input = {
    type: 'REQUEST',
    methodArn: arn,
    headers: event.headers,
    multiValueHeaders: event.multiValueHeaders,
    queryStringParameters: event.queryStringParameters ?? null,
    multiValueQueryStringParameters: event.multiValueQueryStringParameters ?? null,
    stageVariables: null,
    requestContext: event.requestContext,
  };
  const { call, result, logs } = await callAuthorizer(functions, authorizer.functionId, input);
  const invoked = { input, result, logs };
  if (call.kind === 'unauthorized')
    return { allowed: false, status: 401, why: 'the authorizer threw "Unauthorized"', invoked };
  if (call.kind === 'failed')
    return { allowed: false, status: 500, why: `the authorizer failed: ${call.why}`, invoked };
  const { principalId, policyDocument, context } = (call.result ?? {}) as Record<string, unknown>;
  const malformed = typeof principalId !== 'string' ? 'no principalId' : malformedPolicy(policyDocument);
  if (malformed !== undefined)
    return { allowed: false, status: 500, why: `the authorizer answered ${malformed}`, invoked };
  const verdict = evaluatePolicy(policyDocument, arn);
  if (verdict.effect !== 'allow')
    return { allowed: false, status: 403, why: `the policy does not allow ${arn}`, invoked };
  const values = typeof context === 'object' && context !== null ? (context as Record<string, unknown>) : {};
  return { allowed: true, authorizer: { ...values, principalId, integrationLatency: 0 }, invoked };
}
