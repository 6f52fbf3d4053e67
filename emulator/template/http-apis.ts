// The HTTP APIs (API Gateway v2) of a template: SAM's implicit ServerlessHttpApi, each
// AWS::Serverless::HttpApi, and raw AWS::ApiGatewayV2::Api resources of protocol HTTP.
import { dirname, resolve } from 'node:path';
import type { FunctionSpec } from './functions';
import { functionOfUri } from './integration-target';
import { IAM_NOTICE } from './access-notices';
import { asRecord, guardList, guardText, stringList } from './property-values';
import {
  corsOf,
  DEFAULT_HTTP_STAGE,
  httpRoute,
  IMPLICIT_HTTP_API,
  type HttpApi,
  type HttpAuthorizer,
  type HttpRoute,
} from './http-api-model';
import type { Notice } from './notices';
import { openApiDefinition } from './openapi-routes';
import { rawHttpApis } from './raw-http-apis';
import { apiIdOf, stringMap } from './rest-api-model';
import type { Template } from './template';

export function httpApisOf(
  functions: FunctionSpec[],
  template: Template,
  templatePath: string,
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
            ...(name === 'AWS_IAM' ? { iam: true } : {}),
            scopes: guardList(auth.AuthorizationScopes),
          }),
        ];
      }),
    );
  const implicitAuth = samHttpAuth(globals.Auth, notices, IMPLICIT_HTTP_API, template);
  const implicitRoutes = eventRoutes(undefined, implicitAuth.authorizers, implicitAuth.defaultAuthorizer);
  if (implicitRoutes.length > 0) {
    apis.push(serverlessHttpApi(IMPLICIT_HTTP_API, globals, implicitRoutes));
  }
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Serverless::HttpApi') continue;
    const properties = { ...globals, ...resource.Properties };
    const auth = samHttpAuth(properties.Auth, notices, id, template);
    const definition = openApiDefinition(properties, templateDir);
    if (typeof definition === 'string') notices.push({ subject: id, text: `not served: ${definition}` });
    const fromDefinition = definitionRoutes(definition, template);
    apis.push(
      serverlessHttpApi(id, properties, [
        ...fromDefinition,
        ...eventRoutes(id, auth.authorizers, auth.defaultAuthorizer),
      ]),
    );
  }
  apis.push(...rawHttpApis(template, notices));
  for (const api of apis)
    for (const route of api.routes.filter((candidate) => candidate.unsupported !== undefined))
      notices.push({
        subject: api.id,
        text: `${route.routeKey}: ${route.unsupported ?? ''}; it answers 500`,
      });
  for (const api of apis.filter((candidate) => candidate.routes.some((route) => route.iam === true)))
    notices.push({ subject: api.id, text: IAM_NOTICE });
  if (apis.some((api) => api.routes.some((route) => route.authorizer?.type === 'JWT'))) {
    notices.push({
      subject: 'JWT authorizers',
      text: 'tokens are decoded and iss, aud, exp, nbf, iat and scopes checked, but signatures cannot be verified offline (no JWKS): any well-formed token passes',
    });
  }
  return { apis, notices };
}

function serverlessHttpApi(id: string, settings: Record<string, unknown>, routes: HttpRoute[]): HttpApi {
  const cors = corsOf(settings.CorsConfiguration);
  return {
    id,
    apiId: id === IMPLICIT_HTTP_API ? 'localhttp' : apiIdOf(id),
    stage: typeof settings.StageName === 'string' ? settings.StageName : DEFAULT_HTTP_STAGE,
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
  template: Template,
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
        ...(jwt.issuer === undefined ? {} : { issuer: guardText(jwt.issuer) }),
        audience: guardList(jwt.audience),
      });
      continue;
    }
    const functionId = functionOfUri(authorizer.FunctionArn, template);
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
        ...stringList(identity.Headers).map((header) => `$request.header.${header}`),
        ...stringList(identity.QueryStrings).map((query) => `$request.querystring.${query}`),
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
function definitionRoutes(definition: unknown, template: Template): HttpRoute[] {
  const paths = asRecord(asRecord(definition).paths);
  const routes: HttpRoute[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const [key, operation] of Object.entries(asRecord(item))) {
      const method = key === 'x-amazon-apigateway-any-method' ? 'ANY' : key.toUpperCase();
      if (!['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'ANY'].includes(method)) continue;
      const integration = asRecord(asRecord(operation)['x-amazon-apigateway-integration']);
      const functionId =
        String(integration.type).toLowerCase() === 'aws_proxy'
          ? functionOfUri(integration.uri, template)
          : undefined;
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
