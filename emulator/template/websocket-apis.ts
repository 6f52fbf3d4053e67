import { DEFAULT_STAGE } from '../shared/local-aws';
import { functionOfUri } from './integration-target';
import type { Template } from './template';

/** An `AWS::ApiGatewayV2::Api` of protocol WEBSOCKET with its routes, each to a function. */
export interface WebSocketApi {
  id: string;
  routeSelectionExpression: string;
  stage: string;
  /** Route key ($connect, $disconnect, $default, or a value of the selection expression) → function id. */
  routes: Map<string, string>;
}

export function webSocketApisOf(template: Template): WebSocketApi[] {
  const resources = Object.entries(template.Resources);
  const ofType = (type: string) => resources.filter(([, resource]) => resource.Type === type);
  return ofType('AWS::ApiGatewayV2::Api')
    .filter(([, api]) => api.Properties?.ProtocolType === 'WEBSOCKET')
    .map(([id, api]) => {
      const belongs = (properties: Record<string, unknown> | undefined): boolean =>
        refersTo(properties?.ApiId, id);
      const routes = new Map<string, string>();
      for (const [, route] of ofType('AWS::ApiGatewayV2::Route')) {
        const routeKey = route.Properties?.RouteKey;
        const integrationId = belongs(route.Properties) ? integrationOf(route.Properties?.Target) : undefined;
        const integration = integrationId === undefined ? undefined : template.Resources[integrationId];
        const functionId = functionOfUri(integration?.Properties?.IntegrationUri);
        if (typeof routeKey === 'string' && functionId !== undefined) routes.set(routeKey, functionId);
      }
      const stage = ofType('AWS::ApiGatewayV2::Stage').find(([, s]) => belongs(s.Properties))?.[1].Properties
        ?.StageName;
      const expression = api.Properties?.RouteSelectionExpression;
      return {
        id,
        routeSelectionExpression: typeof expression === 'string' ? expression : '$request.body.action',
        stage: typeof stage === 'string' ? stage : DEFAULT_STAGE,
        routes,
      };
    });
}

function refersTo(value: unknown, id: string): boolean {
  return typeof value === 'object' && value !== null && (value as { Ref?: unknown }).Ref === id;
}

/** `integrations/${X}` (as !Sub or !Join) → X. */
function integrationOf(target: unknown): string | undefined {
  const text = JSON.stringify(target ?? null);
  return /integrations\/\$\{([A-Za-z0-9]+)\}/.exec(text)?.[1] ?? /"Ref":"([A-Za-z0-9]+)"/.exec(text)?.[1];
}
