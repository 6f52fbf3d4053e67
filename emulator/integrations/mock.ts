import { gatewayReply } from '../gateway/http-reply';
import type { IntegrationRequest } from './integration-request-types';
import type { IntegrationOutcome } from './outcome';

/**
 * A MOCK integration ("Set up mock integrations"): the integration request's body, made by its request
 * template, names the status (`{"statusCode": 200}`); the integration responses make the rest.
 */
export function mockIntegration(request: IntegrationRequest): IntegrationOutcome {
  const text = request.body.toString('utf8').trim();
  if (text === '') return { kind: 'response', status: 200, headers: [], body: Buffer.alloc(0) };
  let statusCode: unknown;
  try {
    statusCode = (JSON.parse(text) as { statusCode?: unknown } | null)?.statusCode;
  } catch {
    if (!request.mapped) return { kind: 'response', status: 200, headers: [], body: Buffer.alloc(0) };
    return configurationError(
      'the MOCK request template does not make JSON, so no statusCode can be read from it',
    );
  }
  if (statusCode === undefined) return { kind: 'response', status: 200, headers: [], body: Buffer.alloc(0) };
  const status = Number(statusCode);
  if (!Number.isInteger(status) || status < 100 || status > 599)
    return configurationError(
      `the MOCK request template's statusCode is not a status code: ${JSON.stringify(statusCode)}`,
    );
  return { kind: 'response', status, headers: [], body: Buffer.alloc(0) };
}

function configurationError(fault: string): IntegrationOutcome {
  return {
    kind: 'failed',
    reply: gatewayReply(500, 'Internal server error', {
      fault: `Execution failed due to configuration error: ${fault}`,
    }),
  };
}
