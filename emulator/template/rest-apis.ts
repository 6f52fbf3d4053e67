import { dirname, resolve } from 'node:path';
import { DEFAULT_STAGE, LOCAL_API_ID } from '../shared/local-aws';
import { ApiKeys } from './api-keys';
import type { FunctionSpec } from './functions';
import { samGatewayResponses } from './gateway-responses';
import { asRecord } from './property-values';
import type { Notice } from './notices';
import { openApiDefinition, openApiOperations } from './openapi-routes';
import { openApiValidation, samEventValidation } from './request-validation';
import { IAM_NOTICE } from './access-notices';
import { resourcePolicyOf } from './resource-policy';
import { unquote } from './property-values';
import { rawRestApis } from './raw-rest-apis';
import {
  apiIdOf,
  IMPLICIT_API,
  route,
  stringMap,
  type CorsSettings,
  type RestApi,
  type Route,
} from './rest-api-model';
import { samApiAuth, samMethodAuth, samPreflightAuth, type SamApiAuth } from './rest-auth';
import type { Template } from './template';

/**
 * Every REST API of a template: SAM's implicit API (the `Api` events without `RestApiId`), each
 * `AWS::Serverless::Api` (its events, and its OpenAPI definition), and each raw
 * `AWS::ApiGateway::RestApi`; with what of them is not served, and the template's API keys (which
 * WebSocket APIs check too).
 */
export function restApisOf(
  functions: FunctionSpec[],
  template: Template,
  templatePath: string,
  generatedKeys?: Map<string, string>,
): { apis: RestApi[]; notices: Notice[]; apiKeys: ApiKeys } {
  const templateDir = dirname(resolve(templatePath));
  const notices: Notice[] = [];
  const apis: RestApi[] = [];
  const globals = template.Globals?.Api ?? {};
  const apiKeys = new ApiKeys(template, notices, generatedKeys);
  const eventRoutes = (apiId: string | undefined, auth: SamApiAuth, models: unknown): Route[] =>
    functions.flatMap((fn) =>
      Object.values(fn.events).flatMap((event) => {
        const { Path: path, Method: method, RestApiId: restApiId, Auth: eventAuth } = event.Properties ?? {};
        if (event.Type !== 'Api' || typeof path !== 'string' || typeof method !== 'string') return [];
        const refersTo = (restApiId as { Ref?: unknown } | undefined)?.Ref;
        if (apiId === undefined ? restApiId !== undefined : refersTo !== apiId) return [];
        const validation = samEventValidation(event.Properties ?? {}, asModels(models));
        return [route(method, path, { functionId: fn.id }, samMethodAuth(auth, eventAuth), validation)];
      }),
    );
  const implicitAuth = samApiAuth(globals.Auth, IMPLICIT_API, notices, template);
  const implicitRoutes = eventRoutes(undefined, implicitAuth, globals.Models);
  if (implicitRoutes.length > 0) {
    const implicit = {
      id: IMPLICIT_API,
      apiId: LOCAL_API_ID,
      auth: implicitAuth,
      keys: apiKeys.of(IMPLICIT_API),
    };
    apis.push(serverlessApi(implicit, globals, implicitRoutes));
  }
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Serverless::Api') continue;
    const properties = { ...globals, ...resource.Properties };
    const auth = samApiAuth(properties.Auth, id, notices, template);
    const definition = openApiDefinition(properties, templateDir);
    if (typeof definition === 'string') notices.push({ subject: id, text: `not served: ${definition}` });
    if (
      /x-amazon-apigateway-authorizer/.test(JSON.stringify(definition ?? null)) &&
      auth.authorizers.size === 0
    )
      notices.push({
        subject: id,
        text: "its definition's own authorizers (x-amazon-apigateway-authorizer) are not emulated: define them in Auth, or its methods are not checked",
      });
    // SAM puts the default authorizer on every method of the definition too.
    const fromDefinition = openApiOperations(definition, template).map((operation) =>
      route(
        operation.method,
        operation.path,
        operation.target,
        samMethodAuth(auth, undefined),
        openApiValidation(definition, operation.operation, operation.pathParameters),
      ),
    );
    const api = { id, apiId: apiIdOf(id), auth, keys: apiKeys.of(id) };
    apis.push(
      serverlessApi(
        api,
        properties,
        [...fromDefinition, ...eventRoutes(id, auth, properties.Models)],
        definition,
      ),
    );
  }
  apis.push(...rawRestApis(template, templateDir, notices, apiKeys));
  for (const api of apis) {
    for (const unsupported of api.routes.filter((r) => r.unsupported !== undefined)) {
      notices.push({
        subject: api.id,
        text: `${unsupported.method} ${unsupported.resourcePath}: ${unsupported.unsupported ?? ''}; it answers 500`,
      });
    }
  }
  for (const api of apis)
    for (const { method, resourcePath, integration } of api.routes) {
      if (integration?.contentHandling !== undefined)
        notices.push({
          subject: api.id,
          text: `${method} ${resourcePath}: contentHandling ${integration.contentHandling} is not applied locally: bodies pass as they are`,
        });
      if (integration?.type !== 'AWS' || integration.functionId !== undefined) continue;
      const role = integration.credentials === undefined ? '' : '; its Credentials role is not assumed';
      notices.push({
        subject: api.id,
        text: `${method} ${resourcePath}: AWS service integration (${integration.uri}) sent SigV4-signed to the endpoint AWS_ENDPOINT_URL_<SERVICE> or AWS_ENDPOINT_URL names, else to AWS with the credentials in the environment${role}`,
      });
    }
  notices.push(...sharedPaths(apis));
  for (const api of apis.filter((candidate) => candidate.routes.some((route) => route.auth?.iam === true)))
    notices.push({ subject: api.id, text: IAM_NOTICE });
  const throttled = [
    ...(globals.MethodSettings === undefined ? [] : ['Globals.Api']),
    ...Object.entries(template.Resources)
      .filter(
        ([, resource]) =>
          resource.Type === 'AWS::Serverless::Api' && resource.Properties?.MethodSettings !== undefined,
      )
      .map(([id]) => id),
  ];
  if (throttled.length > 0) {
    notices.push({
      subject: throttled.join(', '),
      text: 'MethodSettings (throttling, caching, logging) are not emulated: requests are never throttled locally',
    });
  }
  const cognito = apis.filter((api) =>
    api.routes.some((route) => route.auth?.authorizer?.type === 'COGNITO_USER_POOLS'),
  );
  if (cognito.length > 0) {
    notices.push({
      subject: cognito.map((api) => api.id).join(', '),
      text: 'Cognito user pool tokens are decoded and their exp checked, but their signature cannot be verified offline: any well-formed token is let in',
    });
  }
  return { apis, notices, apiKeys };
}

function serverlessApi(
  { id, apiId, auth, keys }: { id: string; apiId: string; auth: SamApiAuth; keys: Map<string, string> },
  settings: Record<string, unknown>,
  routes: Route[],
  definition?: unknown,
): RestApi {
  const stage = typeof settings.StageName === 'string' ? settings.StageName : DEFAULT_STAGE;
  const resourcePolicy = resourcePolicyOf(settings, definition, routes, stage, apiId);
  const binaryMediaTypes = Array.isArray(settings.BinaryMediaTypes)
    ? settings.BinaryMediaTypes.filter((type): type is string => typeof type === 'string').map((type) =>
        type.replaceAll('~1', '/'),
      )
    : [];
  return {
    id,
    apiId,
    stage,
    stageVariables: stringMap(settings.Variables),
    routes,
    binaryMediaTypes,
    ...corsOf(settings.Cors),
    preflightAuth: samPreflightAuth(auth),
    apiKeys: keys,
    gatewayResponses: samGatewayResponses(settings.GatewayResponses),
    ...(resourcePolicy === undefined ? {} : { resourcePolicy }),
    ...accessLogOf(settings.AccessLogSetting),
  };
}

/** The same method and path in two APIs: without a stage prefix, only the first one answers it. */
function sharedPaths(apis: RestApi[]): Notice[] {
  const seen = new Map<string, RestApi>();
  const notices: Notice[] = [];
  for (const api of apis) {
    for (const { method, resourcePath } of api.routes) {
      const key = `${method} ${resourcePath}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, api);
      else if (first !== api)
        notices.push({
          subject: api.id,
          text: `${key} is also in ${first.id}: without a stage prefix ${first.id} answers it; /${api.stage}${resourcePath} reaches this one`,
        });
    }
  }
  return notices;
}

/** SAM's Cors: a quoted origin string, or an object whose values are quoted strings. */
function corsOf(cors: unknown): { cors?: CorsSettings } {
  if (typeof cors === 'string') {
    return { cors: { allowOrigin: unquote(cors) ?? '*', allowMethods: '' } };
  }
  if (typeof cors !== 'object' || cors === null) return {};
  const settings = cors as Record<string, unknown>;
  const allowHeaders = unquote(settings.AllowHeaders);
  const maxAge = unquote(settings.MaxAge);
  return {
    cors: {
      allowOrigin: unquote(settings.AllowOrigin) ?? '*',
      allowMethods: unquote(settings.AllowMethods) ?? '',
      ...(allowHeaders === undefined ? {} : { allowHeaders }),
      ...(maxAge === undefined ? {} : { maxAge }),
      ...(settings.AllowCredentials === true ? { allowCredentials: true } : {}),
    },
  };
}

/** An API's `Models`: name → JSON Schema. */
function asModels(models: unknown): Record<string, unknown> {
  return typeof models === 'object' && models !== null && !Array.isArray(models)
    ? (models as Record<string, unknown>)
    : {};
}

/** The `Format` of SAM's `AccessLogSetting`, when the template gives it as text. */
function accessLogOf(setting: unknown): { accessLogFormat?: string } {
  const format = asRecord(setting).Format;
  return typeof format === 'string' ? { accessLogFormat: format } : {};
}
