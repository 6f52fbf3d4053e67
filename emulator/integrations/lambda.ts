import { gatewayReply } from '../gateway/http-reply';
import { withDeadline } from '../gateway/with-deadline';
import { THROTTLED, type Invocation } from '../runtime/invocation';
import type { RunningFunctions } from '../runtime/running-functions';
import type { IntegrationRequest } from './integration-request-types';
import type { IntegrationOutcome } from './outcome';

/**
 * A Lambda integration without the proxy ("Set up Lambda custom integrations"): the function gets the
 * integration request's body as its event; its result is the integration response body, and an error
 * (`{errorMessage, errorType, stackTrace}`) is matched by its message against the selection patterns.
 */
export async function lambdaIntegration(
  integration: { functionId: string; timeoutMs: number },
  request: IntegrationRequest,
  functions: RunningFunctions,
  started: (invocation: Invocation) => void,
): Promise<IntegrationOutcome> {
  let event: unknown;
  try {
    const text = request.body.toString('utf8');
    event = text.trim() === '' ? {} : (JSON.parse(text) as unknown);
  } catch {
    return {
      kind: 'failed',
      reply: gatewayReply(500, 'Internal server error', {
        fault:
          'the integration request is not JSON, which Lambda refuses as an event (InvalidRequestContentException): map it with a request template',
      }),
    };
  }
  const invocation = functions.invoke(integration.functionId, event);
  started(invocation);
  const outcome =
    functions.timeoutMs(integration.functionId) > integration.timeoutMs
      ? await withDeadline(invocation.outcome, integration.timeoutMs)
      : await invocation.outcome;
  if (outcome === undefined)
    return {
      kind: 'failed',
      reply: gatewayReply(504, 'Endpoint request timed out', {
        fault: `the function ran past the integration's ${integration.timeoutMs / 1000} s; it goes on`,
      }),
    };
  if (outcome.kind === 'result')
    return { kind: 'lambda', body: Buffer.from(JSON.stringify(outcome.result ?? null)) };
  if (outcome.kind === 'error' && outcome.error === THROTTLED)
    return {
      kind: 'failed',
      reply: gatewayReply(500, 'Internal server error', { fault: 'Lambda throttled the invocation' }),
    };
  const error =
    outcome.kind === 'timeout'
      ? {
          errorType: 'Sandbox.Timedout',
          errorMessage: `${invocation.awsRequestId} Task timed out after ${(outcome.timeoutMs / 1000).toFixed(2)} seconds`,
          stack: '',
        }
      : outcome.error;
  const body = {
    errorMessage: error.errorMessage,
    errorType: error.errorType,
    stackTrace: error.stack
      .split('\n')
      .slice(1)
      .map((line) => line.trim()),
  };
  return { kind: 'lambda', body: Buffer.from(JSON.stringify(body)), errorMessage: error.errorMessage };
}
