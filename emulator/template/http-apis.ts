// The HTTP APIs (API Gateway v2) of a template: SAM's implicit ServerlessHttpApi, each
// AWS::Serverless::HttpApi, and raw AWS::ApiGatewayV2::Api resources of protocol HTTP.
import { dirname, resolve } from 'node:path';
import type { MatchableRoute } from '../gateway/route-matching';
import type { FunctionSpec } from './functions';
import { functionOfUri } from './integration-target';
import { resolveValue } from './intrinsics';
import type { Notice } from './notices';
import { openApiDefinition } from './openapi-routes';
import { apiIdOf, parsePath, stringMap } from './rest-api-model';
import type { Resource, Template } from './template';

export type PayloadFormat = '1.0' | '2.0';

export type HttpAuthorizer =
  | { name: string; type: 'JWT'; identitySource: string; issuer?: string; audience: string[] }
  | {
      name: string;
      type: 'REQUEST';
      functionId: string;
      identitySources: string[];
      payloadFormat: PayloadFormat;
      simpleResponses: boolean;
      ttlSeconds: number;
    };

export interface HttpRoute extends MatchableRoute {
  /** `GET /items/{id}`, `ANY /{proxy+}` or `$default`. */
  routeKey: string;
  path: string;
  functionId?: string;
  unsupported?: string;
  payloadFormat: PayloadFormat;
  authorizer?: HttpAuthorizer;
  authorizationScopes: string[];
}

export interface HttpCors {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  maxAge?: number;
  allowCredentials: boolean;
}

export interface HttpApi {
  id: string;
  apiId: string;
  /** `$default` (served without a prefix) or a named stage (served under `/{stage}`). */
  stage: string;
  stageVariables: Record<string, string> | null;
  routes: HttpRoute[];
  cors?: HttpCors;
}

export const IMPLICIT_HTTP_API = 'ServerlessHttpApi';
const DEFAULT_STAGE = '$default';

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
const strings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [])
    .filter((item): item is string => typeof item === 'string')
    .map((item) => item.trim());

export function httpRoute(
  routeKey: string,
  target: { functionId: string } | { unsupported: string },
  payloadFormat: PayloadFormat,
  auth: { authorizer?: HttpAuthorizer; scopes?: string[] } = {},
): HttpRoute {
  const [method = 'ANY', path = ''] = routeKey === '$default' ? ['ANY', ''] : routeKey.split(' ');
  return {
    routeKey,
    method: method.toUpperCase(),
    path,
    segments: parsePath(path),
    ...target,
    payloadFormat,
    ...(auth.authorizer === undefined ? {} : { authorizer: auth.authorizer }),
    authorizationScopes: auth.scopes ?? [],
  };
}

export function httpApisOf(
  functions: FunctionSpec[],
  template: Template,
  templatePath: string,
  overrides: Record<string, string> = {},
): { apis: HttpApi[]; notices: Notice[] } {
  const templateDir = dirname(resolve(templatePath));
  const notices: Notice[] = [];
  const apis: HttpApi[] = [];
  const globals = asRecord(template.Globals?.HttpApi);
  const eventRoutes = (
    apiId: string | undefined,
    authorizers: Map<string, HttpAuthorizer>,
    defaultAuthorizer?: string,
  ): HttpRoute[] =>
    functions.flatMap((fn) =>
      Object.values(fn.events).flatMap((event) => {
        if (event.Type !== 'HttpApi') return [];
        const properties = event.Properties ?? {};
        const refersTo = (properties.ApiId as { Ref?: unknown } | undefined)?.Ref;
        if (apiId === undefined ? properties.ApiId !== undefined : refersTo !== apiId) return [];
        const { Path: path, Method: method } = properties;
        const routeKey =
          typeof path === 'string'
            ? `${typeof method === 'string' ? method.toUpperCase() : 'ANY'} ${path}`
            : '$default';
        const auth = asRecord(properties.Auth);
        const name = typeof auth.Authorizer === 'string' ? auth.Authorizer : defaultAuthorizer;
        const authorizer = name === undefined || name === 'NONE' ? undefined : authorizers.get(name);
        const format = properties.PayloadFormatVersion === '1.0' ? '1.0' : '2.0';
        return [
          httpRoute(routeKey, { functionId: fn.id }, format, {
            ...(authorizer === undefined ? {} : { authorizer }),
            scopes: strings(auth.AuthorizationScopes),
          }),
        ];
      }),
    );
  const implicitAuth = samHttpAuth(globals.Auth, notices, IMPLICIT_HTTP_API);
  const implicitRoutes = eventRoutes(undefined, implicitAuth.authorizers, implicitAuth.defaultAuthorizer);
  if (implicitRoutes.length > 0) {
    apis.push(serverlessHttpApi(IMPLICIT_HTTP_API, globals, implicitRoutes, template, overrides));
  }
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Serverless::HttpApi') continue;
    const properties = { ...globals, ...resource.Properties };
    const auth = samHttpAuth(properties.Auth, notices, id);
    const definition = openApiDefinition(properties, templateDir);
    if (typeof definition === 'string') notices.push({ subject: id, text: `not served: ${definition}` });
    const fromDefinition = definitionRoutes(definition);
    apis.push(
      serverlessHttpApi(
        id,
        properties,
        [...fromDefinition, ...eventRoutes(id, auth.authorizers, auth.defaultAuthorizer)],
        template,
        overrides,
      ),
    );
  }
  apis.push(...rawHttpApis(template, overrides, notices));
  if (apis.some((api) => api.routes.some((route) => route.authorizer?.type === 'JWT'))) {
    notices.push({
      subject: 'JWT authorizers',
      text: 'tokens are decoded and iss, aud, exp, nbf, iat and scopes checked, but signatures cannot be verified offline (no JWKS): any well-formed token passes',
    });
  }
  return { apis, notices };
}

function serverlessHttpApi(
  id: string,
  properties: Record<string, unknown>,
  routes: HttpRoute[],
  template: Template,
  overrides: Record<string, string>,
): HttpApi {
  const settings = asRecord(resolveValue(properties, template, overrides));
  const cors = corsOf(settings.CorsConfiguration);
  return {
    id,
    apiId: id === IMPLICIT_HTTP_API ? 'localhttp' : apiIdOf(id),
    stage: typeof settings.StageName === 'string' ? settings.StageName : DEFAULT_STAGE,
    stageVariables: stringMap(settings.StageVariables),
    routes,
    ...(cors === undefined ? {} : { cors }),
  };
}

/** SAM's `Auth` of an HTTP API: JWT and Lambda authorizers by name, and the default. */
function samHttpAuth(
  auth: unknown,
  notices: Notice[],
  apiId: string,
): { authorizers: Map<string, HttpAuthorizer>; defaultAuthorizer?: string } {
  const settings = asRecord(auth);
  const authorizers = new Map<string, HttpAuthorizer>();
  for (const [name, value] of Object.entries(asRecord(settings.Authorizers))) {
    const authorizer = asRecord(value);
    if (authorizer.JwtConfiguration !== undefined) {
      const jwt = asRecord(authorizer.JwtConfiguration);
      authorizers.set(name, {
        name,
        type: 'JWT',
        identitySource:
          typeof authorizer.IdentitySource === 'string'
            ? authorizer.IdentitySource
            : '$request.header.Authorization',
        ...(typeof jwt.issuer === 'string' ? { issuer: jwt.issuer } : {}),
        audience: strings(jwt.audience),
      });
      continue;
    }
    const functionId = functionOfUri(authorizer.FunctionArn);
    if (functionId === undefined) {
      notices.push({
        subject: apiId,
        text: `authorizer ${name}: its FunctionArn names no function of this template`,
      });
      continue;
    }
    const identity = asRecord(authorizer.Identity);
    authorizers.set(name, {
      name,
      type: 'REQUEST',
      functionId,
      identitySources: [
        ...strings(identity.Headers).map((header) => `$request.header.${header}`),
        ...strings(identity.QueryStrings).map((query) => `$request.querystring.${query}`),
      ],
      payloadFormat: authorizer.AuthorizerPayloadFormatVersion === '1.0' ? '1.0' : '2.0',
      simpleResponses: authorizer.EnableSimpleResponses === true,
      ttlSeconds: typeof identity.ReauthorizeEvery === 'number' ? identity.ReauthorizeEvery : 0,
    });
  }
  return {
    authorizers,
    ...(typeof settings.DefaultAuthorizer === 'string'
      ? { defaultAuthorizer: settings.DefaultAuthorizer }
      : {}),
  };
}

/** The operations of an HTTP API's OpenAPI body; `x-amazon-apigateway-any-method` is ANY. */
function definitionRoutes(definition: unknown): HttpRoute[] {
  const paths = asRecord(asRecord(definition).paths);
  const routes: HttpRoute[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const [key, operation] of Object.entries(asRecord(item))) {
      const method = key === 'x-amazon-apigateway-any-method' ? 'ANY' : key.toUpperCase();
      if (!['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'ANY'].includes(method)) continue;
      const integration = asRecord(asRecord(operation)['x-amazon-apigateway-integration']);
      const functionId =
        String(integration.type).toLowerCase() === 'aws_proxy' ? functionOfUri(integration.uri) : undefined;
      const format = integration.payloadFormatVersion === '1.0' ? '1.0' : '2.0';
      const routeKey = path === '$default' ? '$default' : `${method} ${path}`;
      routes.push(
        httpRoute(
          routeKey,
          functionId === undefined
            ? { unsupported: 'its integration is not a Lambda proxy of this template' }
            : { functionId },
          format,
        ),
      );
    }
  }
  return routes;
}

/** Raw `AWS::ApiGatewayV2::Api` of protocol HTTP, with its Routes, Integrations, Stage and Authorizers, or quick-created with `Target`. */
function rawHttpApis(template: Template, overrides: Record<string, string>, notices: Notice[]): HttpApi[] {
  const resources = Object.entries(template.Resources);
  const ofType = (type: string): [string, Resource][] =>
    resources.filter(([, resource]) => resource.Type === type);
  const refersTo = (value: unknown, id: string): boolean => (value as { Ref?: unknown } | null)?.Ref === id;
  return ofType('AWS::ApiGatewayV2::Api')
    .filter(([, api]) => api.Properties?.ProtocolType === 'HTTP')
    .map(([id, api]) => {
      const properties = api.Properties ?? {};
      const authorizers = new Map<string, HttpAuthorizer>();
      for (const [authorizerId, resource] of ofType('AWS::ApiGatewayV2::Authorizer')) {
        const p = resource.Properties ?? {};
        if (!refersTo(p.ApiId, id)) continue;
        if (p.AuthorizerType === 'JWT') {
          const jwt = asRecord(p.JwtConfiguration);
          authorizers.set(authorizerId, {
            name: authorizerId,
            type: 'JWT',
            identitySource: strings(p.IdentitySource)[0] ?? '$request.header.Authorization',
            ...(typeof jwt.Issuer === 'string' ? { issuer: jwt.Issuer } : {}),
            audience: strings(jwt.Audience),
          });
        } else {
          const functionId = functionOfUri(p.AuthorizerUri);
          if (functionId === undefined) {
            notices.push({
              subject: authorizerId,
              text: 'not served: its AuthorizerUri names no function of this template',
            });
            continue;
          }
          authorizers.set(authorizerId, {
            name: authorizerId,
            type: 'REQUEST',
            functionId,
            identitySources: strings(p.IdentitySource),
            payloadFormat: p.AuthorizerPayloadFormatVersion === '1.0' ? '1.0' : '2.0',
            simpleResponses: p.EnableSimpleResponses === true,
            ttlSeconds:
              typeof p.AuthorizerResultTtlInSeconds === 'number' ? p.AuthorizerResultTtlInSeconds : 0,
          });
        }
      }
      const routes: HttpRoute[] = [];
      const quickTarget = functionOfUri(properties.Target);
      if (quickTarget !== undefined)
        routes.push(
          httpRoute(
            typeof properties.RouteKey === 'string' ? properties.RouteKey : '$default',
            { functionId: quickTarget },
            '2.0',
          ),
        );
      for (const [routeId, route] of ofType('AWS::ApiGatewayV2::Route')) {
        const p = route.Properties ?? {};
        if (!refersTo(p.ApiId, id) || typeof p.RouteKey !== 'string') continue;
        const integrationId =
          /integrations\/\$\{([A-Za-z0-9]+)\}/.exec(JSON.stringify(p.Target ?? null))?.[1] ??
          /"Ref":"([A-Za-z0-9]+)"/.exec(JSON.stringify(p.Target ?? null))?.[1];
        const integration = integrationId === undefined ? undefined : template.Resources[integrationId];
        const ip = integration?.Properties ?? {};
        const functionId = ip.IntegrationType === 'AWS_PROXY' ? functionOfUri(ip.IntegrationUri) : undefined;
        const authorizerId = (p.AuthorizerId as { Ref?: unknown } | undefined)?.Ref;
        const authorizer = typeof authorizerId === 'string' ? authorizers.get(authorizerId) : undefined;
        routes.push(
          httpRoute(
            p.RouteKey,
            functionId === undefined
              ? { unsupported: `${routeId}: its integration is not a Lambda proxy of this template` }
              : { functionId },
            ip.PayloadFormatVersion === '1.0' ? '1.0' : '2.0',
            { ...(authorizer === undefined ? {} : { authorizer }), scopes: strings(p.AuthorizationScopes) },
          ),
        );
      }
      const stage = ofType('AWS::ApiGatewayV2::Stage').find(([, s]) =>
        refersTo(s.Properties?.ApiId, id),
      )?.[1];
      const stageName = resolveValue(stage?.Properties?.StageName, template, overrides);
      const cors = corsOf(properties.CorsConfiguration);
      return {
        id,
        apiId: apiIdOf(id),
        stage: typeof stageName === 'string' ? stageName : DEFAULT_STAGE,
        stageVariables: stringMap(resolveValue(stage?.Properties?.StageVariables, template, overrides)),
        routes,
        ...(cors === undefined ? {} : { cors }),
      };
    });
}

/** `CorsConfiguration`: `true` (any origin), or the object SAM and CloudFormation take. */
function corsOf(value: unknown): HttpCors | undefined {
  if (value === true)
    return {
      allowOrigins: ['*'],
      allowMethods: ['*'],
      allowHeaders: ['*'],
      exposeHeaders: [],
      allowCredentials: false,
    };
  if (typeof value !== 'object' || value === null) return undefined;
  const settings = value as Record<string, unknown>;
  const maxAge = Number(settings.MaxAge);
  return {
    allowOrigins: strings(settings.AllowOrigins),
    allowMethods: strings(settings.AllowMethods),
    allowHeaders: strings(settings.AllowHeaders),
    exposeHeaders: strings(settings.ExposeHeaders),
    ...(Number.isFinite(maxAge) && settings.MaxAge !== undefined ? { maxAge } : {}),
    allowCredentials: settings.AllowCredentials === true,
  };
}
