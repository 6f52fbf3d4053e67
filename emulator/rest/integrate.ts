import type { Handled } from '../gateway/handled-request';
import { gatewayReply } from '../gateway/http-reply';
import { UnparsableBody } from '../mapping/mapping-variables';
import type { Invocation } from '../runtime/invocation';
import type { RunningFunctions } from '../runtime/running-functions';
import type { NonProxyIntegration } from '../template/rest-integration-model';
import { gatewayResponse } from './gateway-responses';
import { integrationRequest } from './integration-request';
import { integrationResponse } from './integration-response';
import { awsServiceIntegration } from '../integrations/aws-service';
import { httpIntegration } from './http-integration';
import { lambdaIntegration } from '../integrations/lambda';
import { mockIntegration } from '../integrations/mock';
import type { IntegrationOutcome } from '../integrations/outcome';
import type { MethodRequest } from './method-request';
import type { RestApi } from '../template/rest-api-model';

/**
 * A method whose integration is not a Lambda proxy, through API Gateway's stages: integration
 * request (mapping template or passthrough), the integration itself, integration response.
 */
export async function runNonProxy(
  integration: NonProxyIntegration,
  request: MethodRequest,
  api: RestApi,
  requestId: string,
  functions: RunningFunctions,
  trigger: string,
): Promise<Handled> {
  let invocation: Invocation | undefined;
  let event: unknown = null;
  try {
    const sent = integrationRequest(integration, request);
    if (sent === undefined)
      return {
        http: gatewayResponse(
          api,
          {
            type: 'UNSUPPORTED_MEDIA_TYPE',
            statusCode: 415,
            message: 'Unsupported Media Type',
            errorType: 'UnsupportedMediaTypeException',
            fault: `no request template for ${request.contentType}, and passthroughBehavior ${integration.passthroughBehavior}`,
          },
          requestId,
        ),
      };
    const outcome = await integrate(integration, sent, request, functions, (started) => {
      invocation = started;
      event = JSON.parse(sent.body.toString('utf8') || '{}') as unknown;
    });
    const http =
      outcome.kind === 'failed' || outcome.kind === 'proxied'
        ? outcome.reply
        : integrationResponse(integration, outcome, request);
    return withInvocation({ http }, invocation, integration, { trigger, event, outcome, requestId });
  } catch (error) {
    if (error instanceof UnparsableBody)
      return {
        http: gatewayReply(400, error.message, { errorType: 'BadRequestException', fault: error.message }),
      };
    const fault = `a mapping template failed: ${error instanceof Error ? error.message : String(error)}`;
    return withInvocation(
      { http: gatewayReply(500, 'Internal server error', { fault }) },
      invocation,
      integration,
      {
        trigger,
        event,
        outcome: undefined,
        requestId,
      },
    );
  }
}

function integrate(
  integration: NonProxyIntegration,
  sent: NonNullable<ReturnType<typeof integrationRequest>>,
  request: MethodRequest,
  functions: RunningFunctions,
  started: (invocation: Invocation) => void,
): Promise<IntegrationOutcome> | IntegrationOutcome {
  switch (integration.type) {
    case 'MOCK':
      return mockIntegration(sent);
    case 'HTTP':
    case 'HTTP_PROXY':
      return httpIntegration(integration, sent, request);
    case 'AWS': {
      const { functionId } = integration;
      return functionId === undefined
        ? awsServiceIntegration(integration, sent)
        : lambdaIntegration({ ...integration, functionId }, sent, functions, started);
    }
  }
}

/** For a function invoked without the proxy, what the terminal and the console show of it. */
function withInvocation(
  handled: Handled,
  invocation: Invocation | undefined,
  integration: NonProxyIntegration,
  seen: { trigger: string; event: unknown; outcome: IntegrationOutcome | undefined; requestId: string },
): Handled {
  if (invocation === undefined || integration.functionId === undefined) return handled;
  const { outcome, event } = seen;
  const result = outcome?.kind === 'lambda' ? (JSON.parse(outcome.body.toString('utf8')) as unknown) : null;
  return {
    http: handled.http,
    invoked: {
      requestId: seen.requestId,
      logs: invocation.logs,
      record: { functionId: integration.functionId, trigger: seen.trigger, event: () => event, result },
    },
  };
}
