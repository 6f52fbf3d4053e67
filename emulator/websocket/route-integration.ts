import type { WebSocketEvent } from '../formats/websocket-event-types';
import { awsServiceIntegration } from '../integrations/aws-service';
import type { IntegrationRequest } from '../integrations/integration-request-types';
import { lambdaIntegration } from '../integrations/lambda';
import { mockIntegration } from '../integrations/mock';
import type { IntegrationOutcome } from '../integrations/outcome';
import { contextVariables, type MappingInput } from '../mapping/mapping-variables';
import { renderMapping } from '../mapping/render-mapping';
import type { Invocation } from '../runtime/invocation';
import type { RunningFunctions } from '../runtime/running-functions';
import type { WebSocketIntegration } from '../template/websocket-apis';

/** What a route's integration gave: the status API Gateway takes from it, and what a two-way route sends back. */
export interface RouteIntegrationResult {
  status: number;
  reply?: string;
  fault?: string;
  invocation?: Invocation;
}

/**
 * A WebSocket route whose integration is MOCK or AWS ("Set up WebSocket API integration requests",
 * "...integration responses"): the request template chosen by the integration's template selection
 * expression, the integration, then for a two-way route the integration response whose key matches
 * the status, rendered by its template.
 */
export async function runRouteIntegration(
  integration: WebSocketIntegration,
  event: WebSocketEvent,
  twoWay: boolean,
  functions: RunningFunctions,
): Promise<RouteIntegrationResult> {
  const message = 'body' in event && typeof event.body === 'string' ? event.body : '';
  const input = mappingInputOf(event, message);
  const key = templateKey(integration.templateSelectionExpression, message);
  const template = integration.requestTemplates[key] ?? integration.requestTemplates.$default;
  if (
    template === undefined &&
    (integration.passthroughBehavior === 'NEVER' ||
      (integration.passthroughBehavior === 'WHEN_NO_TEMPLATES' &&
        Object.keys(integration.requestTemplates).length > 0))
  )
    return {
      status: 500,
      fault: `no request template for ${key}, and passthroughBehavior ${integration.passthroughBehavior}`,
    };
  let sent: IntegrationRequest;
  try {
    const body = template === undefined ? message : renderMapping(template, input).output;
    sent = {
      body: Buffer.from(body),
      contentType: 'application/json',
      headers: {},
      querystring: {},
      path: {},
      mapped: template !== undefined,
    };
  } catch (error) {
    return {
      status: 500,
      fault: `a mapping template failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  let invocation: Invocation | undefined;
  const outcome: IntegrationOutcome =
    integration.type === 'MOCK'
      ? mockIntegration(sent)
      : integration.functionId !== undefined
        ? await lambdaIntegration(
            { functionId: integration.functionId, timeoutMs: integration.timeoutMs },
            sent,
            functions,
            (started) => {
              invocation = started;
            },
          )
        : await awsServiceIntegration(integration, sent);
  const withInvocation = (result: RouteIntegrationResult): RouteIntegrationResult =>
    invocation === undefined ? result : { ...result, invocation };
  if (outcome.kind === 'failed' || outcome.kind === 'proxied')
    return withInvocation({
      status: outcome.reply.statusCode,
      ...(outcome.reply.fault === undefined ? {} : { fault: outcome.reply.fault }),
    });
  const status =
    outcome.kind === 'response' ? outcome.status : outcome.errorMessage === undefined ? 200 : 500;
  if (!twoWay) return withInvocation({ status });
  const selector = outcome.kind === 'response' ? String(outcome.status) : (outcome.errorMessage ?? '200');
  const response =
    integration.responses.find(
      ({ key: responseKey }) => responseKey !== '$default' && matchesKey(responseKey, selector),
    ) ?? integration.responses.find(({ key: responseKey }) => responseKey === '$default');
  if (response === undefined) return withInvocation({ status });
  const body = outcome.body.toString('utf8');
  const responseTemplate =
    response.templates[templateKey(response.templateSelectionExpression, body)] ??
    response.templates.$default;
  const reply =
    responseTemplate === undefined ? body : renderMapping(responseTemplate, { ...input, body }).output;
  return withInvocation({ status, reply });
}

/** `/2\d\d/` matches the selector as a regular expression; any other key must equal it. */
function matchesKey(key: string, selector: string): boolean {
  const pattern = /^\/(.*)\/$/.exec(key)?.[1];
  if (pattern === undefined) return key === selector;
  try {
    return new RegExp(`^(?:${pattern})$`).test(selector);
  } catch {
    return false;
  }
}

/** A template selection expression's value: `\$default` is `$default`; `$request.body.x` a field of the JSON message. */
function templateKey(expression: string | undefined, message: string): string {
  if (expression === undefined || expression === '\\$default' || expression === '$default') return '$default';
  const path = /^\$request\.body\.(.+)$/.exec(expression)?.[1];
  if (path === undefined) return expression;
  try {
    const value = path
      .split('.')
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | null)?.[key], JSON.parse(message));
    return typeof value === 'string' ? value : '$default';
  } catch {
    return '$default';
  }
}

/** What a WebSocket route's templates read: the message, the handshake's headers and query, the request context. */
function mappingInputOf(event: WebSocketEvent, message: string): MappingInput {
  const headers = 'headers' in event && event.headers !== null ? event.headers : {};
  const querystring = 'queryStringParameters' in event ? (event.queryStringParameters ?? {}) : {};
  return {
    body: message,
    params: { path: {}, querystring, header: headers },
    context: contextVariables(event.requestContext),
    stageVariables: {},
  };
}
