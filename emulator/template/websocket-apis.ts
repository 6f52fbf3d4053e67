import { DEFAULT_STAGE, LOCAL_API_ID } from '../shared/local-aws';
import { apiIdOf } from './rest-api-model';
import { functionOfUri, integrationOfTarget } from './integration-target';
import type { Notice } from './notices';
import { stringList, stringRecord } from './property-values';
import { DEFAULT_INTEGRATION_TIMEOUT_MS, type PassthroughBehavior } from './rest-integration-model';
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
  /** Route key → its MOCK or AWS integration (a service, or a function without the proxy). */
  integrations: Map<string, WebSocketIntegration>;
  /** Routes with a `$default` RouteResponse: the integration's response body goes back to the client. */
  twoWayRoutes: Set<string>;
  connectAuthorizer?: WebSocketAuthorizer;
  connectApiKeyRequired: boolean;
}

/** A WebSocket route's integration that is not a Lambda proxy, with its templates and integration responses. */
export interface WebSocketIntegration {
  type: 'MOCK' | 'AWS';
  uri: string;
  /** An AWS integration that invokes a function of this template without the proxy. */
  functionId?: string;
  /** Template key (`$default`, or a value of the selection expression) → mapping template. */
  requestTemplates: Record<string, string>;
  templateSelectionExpression?: string;
  passthroughBehavior: PassthroughBehavior;
  /** `IntegrationResponseKey` (`$default`, or `/2\d\d/`) with its templates. */
  responses: { key: string; templates: Record<string, string>; templateSelectionExpression?: string }[];
  timeoutMs: number;
  httpMethod?: string;
}

/** The WebSocket APIs; a route whose integration cannot be run here is named in `notices`. */
export function webSocketApisOf(template: Template, notices: Notice[] = []): WebSocketApi[] {
  const resources = Object.entries(template.Resources);
  const ofType = (type: string) => resources.filter(([, resource]) => resource.Type === type);
  return ofType('AWS::ApiGatewayV2::Api')
    .filter(([, api]) => api.Properties?.ProtocolType === 'WEBSOCKET')
    .map(([id, api], index) => {
      const belongs = (properties: Record<string, unknown> | undefined): boolean =>
        refersTo(properties?.ApiId, id);
      const routes = new Map<string, string>();
      const integrations = new Map<string, WebSocketIntegration>();
      const twoWayRoutes = new Set<string>();
      let connectAuthorizer: WebSocketAuthorizer | undefined;
      let connectApiKeyRequired = false;
      for (const [routeId, route] of ofType('AWS::ApiGatewayV2::Route')) {
        const routeKey = route.Properties?.RouteKey;
        const integrationId = belongs(route.Properties)
          ? integrationOfTarget(route.Properties?.Target)
          : undefined;
        const integration = integrationId === undefined ? undefined : template.Resources[integrationId];
        // A Lambda URI with IntegrationType AWS is the function without the proxy: a mapped event.
        const proxied = integration?.Properties?.IntegrationType !== 'AWS';
        const functionId = proxied
          ? functionOfUri(integration?.Properties?.IntegrationUri, template)
          : undefined;
        if (typeof routeKey !== 'string' || integrationId === undefined) continue;
        const nonProxy =
          functionId === undefined && integration !== undefined
            ? webSocketIntegration(integrationId, integration.Properties ?? {}, template)
            : undefined;
        if (nonProxy !== undefined) integrations.set(routeKey, nonProxy);
        if (nonProxy?.type === 'AWS' && nonProxy.functionId === undefined)
          notices.push({
            subject: routeId,
            text: `route ${routeKey}: AWS service integration (${nonProxy.uri}) sent SigV4-signed to the endpoint AWS_ENDPOINT_URL_<SERVICE> or AWS_ENDPOINT_URL names, else to AWS with the credentials in the environment`,
          });
        if (functionId === undefined && nonProxy === undefined) {
          const type = integration?.Properties?.IntegrationType;
          notices.push({
            subject: routeId,
            text: `route ${routeKey}: its integration (${typeof type === 'string' ? type : 'unknown'}${integration === undefined ? ', not in the template' : ''}) is not a Lambda proxy of this template, so the route is not served${routeKey === '$connect' ? ': connections are accepted without it' : ''}`,
          });
          continue;
        }
        if (functionId !== undefined) routes.set(routeKey, functionId);
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
        integrations,
        twoWayRoutes,
        ...(connectAuthorizer === undefined ? {} : { connectAuthorizer }),
        connectApiKeyRequired,
      };
    });
}

function refersTo(value: unknown, id: string): boolean {
  return typeof value === 'object' && value !== null && (value as { Ref?: unknown }).Ref === id;
}

/** A MOCK or AWS `AWS::ApiGatewayV2::Integration` with its `IntegrationResponse`s; undefined for any other type. */
function webSocketIntegration(
  integrationId: string,
  properties: Record<string, unknown>,
  template: Template,
): WebSocketIntegration | undefined {
  const type = properties.IntegrationType;
  if (type !== 'MOCK' && type !== 'AWS') return undefined;
  const uri = typeof properties.IntegrationUri === 'string' ? properties.IntegrationUri : '';
  const functionId = type === 'AWS' && /:lambda:path\//.test(uri) ? functionOfUri(uri, template) : undefined;
  if (type === 'AWS' && (uri === '' || (/:lambda:path\//.test(uri) && functionId === undefined)))
    return undefined;
  const passthrough = properties.PassthroughBehavior;
  const timeout = Number(properties.TimeoutInMillis);
  const responses = Object.values(template.Resources)
    .filter(
      (resource) =>
        resource.Type === 'AWS::ApiGatewayV2::IntegrationResponse' &&
        refersTo(resource.Properties?.IntegrationId, integrationId),
    )
    .map((resource) => {
      const key = resource.Properties?.IntegrationResponseKey;
      const selection = resource.Properties?.TemplateSelectionExpression;
      return {
        key: typeof key === 'string' ? key : '$default',
        templates: stringRecord(resource.Properties?.ResponseTemplates),
        ...(typeof selection === 'string' ? { templateSelectionExpression: selection } : {}),
      };
    });
  const selection = properties.TemplateSelectionExpression;
  const method = properties.IntegrationMethod;
  return {
    type,
    uri,
    ...(functionId === undefined ? {} : { functionId }),
    requestTemplates: stringRecord(properties.RequestTemplates),
    ...(typeof selection === 'string' ? { templateSelectionExpression: selection } : {}),
    passthroughBehavior:
      passthrough === 'NEVER' || passthrough === 'WHEN_NO_TEMPLATES' ? passthrough : 'WHEN_NO_MATCH',
    responses,
    timeoutMs: Number.isInteger(timeout) && timeout >= 50 ? timeout : DEFAULT_INTEGRATION_TIMEOUT_MS,
    ...(typeof method === 'string' ? { httpMethod: method.toUpperCase() } : {}),
  };
}
