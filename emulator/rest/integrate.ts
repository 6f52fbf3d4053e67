import type { Handled } from '../gateway/handled-request';
import { gatewayReply, type HttpReply } from '../gateway/http-reply';
import type { StageClock } from '../gateway/stage-clock';
import { UnparsableBody } from '../mapping/mapping-variables';
import type { Invocation } from '../runtime/invocation';
import type { RunningFunctions } from '../runtime/running-functions';
import type { NonProxyIntegration, RequestValidation } from '../template/rest-integration-model';
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
 * request (mapping template or passthrough), the integration itself, integration response; each
 * stage logged for the console as the service's test console logs it.
 */
export async function runNonProxy(
  integration: NonProxyIntegration,
  request: MethodRequest,
  api: RestApi,
  requestId: string,
  functions: RunningFunctions,
  trigger: string,
  validation: RequestValidation | undefined,
  clock: StageClock,
): Promise<Handled> {
  const { event } = request;
  const methodRequest = {
    method: event.httpMethod,
    path: event.path,
    pathParameters: event.pathParameters,
    querystring: event.queryStringParameters,
    headers: event.headers,
    body: request.mapping.body,
  };
  clock.step('Method request', methodRequest);
  if (validation !== undefined)
    clock.step('Method request validation', {
      parameters: validation.parameters
        ? `passed: ${validation.required.map(({ name }) => name).join(', ') || 'none required'}`
        : 'not validated',
      body: validation.body ? 'passed the model' : 'not validated',
    });
  let invocation: Invocation | undefined;
  const answered = (http: HttpReply): Handled => {
    clock.step('Method response', {
      statusCode: http.statusCode,
      headers: Object.fromEntries(http.headers),
      body: http.body.toString('utf8'),
    });
    const record = {
      functionId: integration.functionId ?? `${integration.type} integration`,
      trigger,
      event: () => methodRequest,
      result: http.body.toString('utf8'),
    };
    return { http, invoked: { requestId, logs: invocation?.logs ?? [], record } };
  };
  try {
    const sent = integrationRequest(integration, request);
    if (sent === undefined)
      return answered(
        gatewayResponse(
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
      );
    clock.step('Integration request', {
      type: integration.type,
      uri: integration.uri,
      template: sent.mapped ? sent.contentType : 'none: the body passed through',
      headers: sent.headers,
      querystring: sent.querystring,
      path: sent.path,
      body: sent.body.toString('utf8'),
    });
    const outcome = await integrate(integration, sent, request, functions, (started) => {
      invocation = started;
    });
    clock.step('Integration response', outcomeDetail(outcome));
    return answered(
      outcome.kind === 'failed' || outcome.kind === 'proxied'
        ? outcome.reply
        : integrationResponse(integration, outcome, request),
    );
  } catch (error) {
    if (error instanceof UnparsableBody)
      return answered(
        gatewayReply(400, error.message, { errorType: 'BadRequestException', fault: error.message }),
      );
    const fault = `a mapping template failed: ${error instanceof Error ? error.message : String(error)}`;
    return answered(gatewayReply(500, 'Internal server error', { fault }));
  }
}

/** What the console shows of what the backend answered. */
function outcomeDetail(outcome: IntegrationOutcome): unknown {
  switch (outcome.kind) {
    case 'response':
      return {
        status: outcome.status,
        headers: Object.fromEntries(outcome.headers),
        body: outcome.body.toString('utf8'),
      };
    case 'lambda':
      return {
        body: outcome.body.toString('utf8'),
        ...(outcome.errorMessage === undefined ? {} : { errorMessage: outcome.errorMessage }),
      };
    case 'proxied':
      return { status: outcome.reply.statusCode, passedThrough: true };
    case 'failed':
      return { failed: outcome.reply.fault ?? outcome.reply.statusCode };
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
        : lambdaIntegration({ functionId, timeoutMs: integration.timeoutMs }, sent, functions, started);
    }
  }
}
