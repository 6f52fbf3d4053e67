import { DEFAULT_STAGE, LOCAL_API_ID } from '../shared/local-aws';
import { stringList } from './property-values';
import { apiIdOf } from './rest-api-model';
import { functionOfUri, integrationOfTarget } from './integration-target';
import type { Notice } from './notices';
import type { Template } from './template';

/** A REQUEST Lambda authorizer of a WebSocket API's `$connect` route. */
export interface WebSocketAuthorizer {
  name: string;
  functionId: string;
  /** `route.request.header.Auth`, `route.request.querystring.token` */
  identitySources: string[];
}

/** An `AWS::ApiGatewayV2::Api` of protocol WEBSOCKET with its routes, each to a function. */
export interface WebSocketApi {
  id: string;
  /** The `apiId` in events: `local` for the first WebSocket API, the logical id lower-cased for others. */
  apiId: string;
  routeSelectionExpression: string;
  stage: string;
  /** Route key ($connect, $disconnect, $default, or a value of the selection expression) → function id. */
  routes: Map<string, string>;
  /** Routes with a `$default` RouteResponse: the integration's response body goes back to the client. */
  twoWayRoutes: Set<string>;
  connectAuthorizer?: WebSocketAuthorizer;
  connectApiKeyRequired: boolean;
}

/** The WebSocket APIs; a route whose integration is not a Lambda proxy of the template is named in `notices`. */
export function webSocketApisOf(template: Template, notices: Notice[] = []): WebSocketApi[] {
  const resources = Object.entries(template.Resources);
  const ofType = (type: string) => resources.filter(([, resource]) => resource.Type === type);
  return ofType('AWS::ApiGatewayV2::Api')
    .filter(([, api]) => api.Properties?.ProtocolType === 'WEBSOCKET')
    .map(([id, api], index) => {
      const belongs = (properties: Record<string, unknown> | undefined): boolean =>
        refersTo(properties?.ApiId, id);
      const routes = new Map<string, string>();
      const twoWayRoutes = new Set<string>();
      let connectAuthorizer: WebSocketAuthorizer | undefined;
      let connectApiKeyRequired = false;
      for (const [routeId, route] of ofType('AWS::ApiGatewayV2::Route')) {
        const routeKey = route.Properties?.RouteKey;
        const integrationId = belongs(route.Properties)
          ? integrationOfTarget(route.Properties?.Target)
          : undefined;
        const integration = integrationId === undefined ? undefined : template.Resources[integrationId];
        const functionId = functionOfUri(integration?.Properties?.IntegrationUri, template);
        if (typeof routeKey !== 'string' || integrationId === undefined) continue;
        if (functionId === undefined) {
          const type = integration?.Properties?.IntegrationType;
          notices.push({
            subject: routeId,
            text: `route ${routeKey}: its integration (${typeof type === 'string' ? type : 'unknown'}${integration === undefined ? ', not in the template' : ''}) is not a Lambda proxy of this template, so the route is not served${routeKey === '$connect' ? ': connections are accepted without it' : ''}`,
          });
          continue;
        }
        routes.set(routeKey, functionId);
        const responds = ofType('AWS::ApiGatewayV2::RouteResponse').some(
          ([, response]) =>
            refersTo(response.Properties?.RouteId, routeId) &&
            response.Properties?.RouteResponseKey === '$default',
        );
        if (route.Properties?.RouteResponseSelectionExpression !== undefined && responds)
          twoWayRoutes.add(routeKey);
        if (routeKey !== '$connect') continue;
        connectApiKeyRequired = route.Properties?.ApiKeyRequired === true;
        const authorizerId = (route.Properties?.AuthorizerId as { Ref?: unknown } | undefined)?.Ref;
        const authorizer = typeof authorizerId === 'string' ? template.Resources[authorizerId] : undefined;
        const authorizerFunction = functionOfUri(authorizer?.Properties?.AuthorizerUri, template);
        if (
          route.Properties?.AuthorizationType === 'CUSTOM' &&
          typeof authorizerId === 'string' &&
          authorizerFunction !== undefined
        ) {
          connectAuthorizer = {
            name: authorizerId,
            functionId: authorizerFunction,
            identitySources: stringList(authorizer?.Properties?.IdentitySource),
          };
        }
      }
      const stage = ofType('AWS::ApiGatewayV2::Stage').find(([, s]) => belongs(s.Properties))?.[1].Properties
        ?.StageName;
      const expression = api.Properties?.RouteSelectionExpression;
      return {
        id,
        apiId: index === 0 ? LOCAL_API_ID : apiIdOf(id),
        routeSelectionExpression: typeof expression === 'string' ? expression : '$request.body.action',
        stage: typeof stage === 'string' ? stage : DEFAULT_STAGE,
        routes,
        twoWayRoutes,
        ...(connectAuthorizer === undefined ? {} : { connectAuthorizer }),
        connectApiKeyRequired,
      };
    });
}

function refersTo(value: unknown, id: string): boolean {
  return typeof value === 'object' && value !== null && (value as { Ref?: unknown }).Ref === id;
}
