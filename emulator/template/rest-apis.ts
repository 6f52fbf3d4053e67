import { dirname, resolve } from 'node:path';
import { DEFAULT_STAGE, LOCAL_API_ID } from '../shared/local-aws';
import type { FunctionSpec } from './functions';
import { resolveValue } from './intrinsics';
import type { Notice } from './notices';
import { openApiDefinition, openApiOperations } from './openapi-routes';
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
import type { Template } from './template';

/**
 * Every REST API of a template: SAM's implicit API (the `Api` events without `RestApiId`), each
 * `AWS::Serverless::Api` (its events, and its OpenAPI definition), and each raw
 * `AWS::ApiGateway::RestApi`; with what of them is not served.
 */
export function restApisOf(
  functions: FunctionSpec[],
  template: Template,
  templatePath: string,
  overrides: Record<string, string> = {},
): { apis: RestApi[]; notices: Notice[] } {
  const templateDir = dirname(resolve(templatePath));
  const notices: Notice[] = [];
  const apis: RestApi[] = [];
  const globals = template.Globals?.Api ?? {};
  const eventRoutes = (apiId: string | undefined): Route[] =>
    functions.flatMap((fn) =>
      Object.values(fn.events).flatMap((event) => {
        const { Path: path, Method: method, RestApiId: restApiId } = event.Properties ?? {};
        if (event.Type !== 'Api' || typeof path !== 'string' || typeof method !== 'string') return [];
        const refersTo = (restApiId as { Ref?: unknown } | undefined)?.Ref;
        if (apiId === undefined ? restApiId !== undefined : refersTo !== apiId) return [];
        return [route(method, path, { functionId: fn.id })];
      }),
    );
  const implicitRoutes = eventRoutes(undefined);
  if (implicitRoutes.length > 0) {
    apis.push(serverlessApi(IMPLICIT_API, LOCAL_API_ID, globals, implicitRoutes, template, overrides));
  }
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Serverless::Api') continue;
    const properties = { ...globals, ...resource.Properties };
    const definition = openApiDefinition(properties, templateDir);
    if (typeof definition === 'string') notices.push({ subject: id, text: `not served: ${definition}` });
    const fromDefinition = openApiOperations(definition).map((operation) =>
      route(operation.method, operation.path, operation.target),
    );
    apis.push(
      serverlessApi(
        id,
        apiIdOf(id),
        properties,
        [...fromDefinition, ...eventRoutes(id)],
        template,
        overrides,
      ),
    );
  }
  apis.push(...rawRestApis(template, templateDir, overrides, notices));
  for (const api of apis) {
    for (const unsupported of api.routes.filter((r) => r.unsupported !== undefined)) {
      notices.push({
        subject: api.id,
        text: `${unsupported.method} ${unsupported.resourcePath}: ${unsupported.unsupported ?? ''}; it answers 500`,
      });
    }
  }
  notices.push(...sharedPaths(apis));
  return { apis, notices };
}

function serverlessApi(
  id: string,
  apiId: string,
  properties: Record<string, unknown>,
  routes: Route[],
  template: Template,
  overrides: Record<string, string>,
): RestApi {
  const settings = (resolveValue(properties, template, overrides) ?? {}) as Record<string, unknown>;
  const binaryMediaTypes = Array.isArray(settings.BinaryMediaTypes)
    ? settings.BinaryMediaTypes.filter((type): type is string => typeof type === 'string').map((type) =>
        type.replaceAll('~1', '/'),
      )
    : [];
  return {
    id,
    apiId,
    stage: typeof settings.StageName === 'string' ? settings.StageName : DEFAULT_STAGE,
    stageVariables: stringMap(settings.Variables),
    routes,
    binaryMediaTypes,
    ...corsOf(settings.Cors),
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
  const unquote = (value: unknown): string | undefined =>
    typeof value === 'string' ? value.replace(/^'(.*)'$/, '$1') : undefined;
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
