// The HTTP API model the emulator serves (API Gateway v2): APIs, routes, authorizers, CORS.
import { stringList } from './property-values';
import { parsePath, type MatchableRoute } from './route-path';

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
  /** `AWS_IAM`: the caller signs with SigV4 and needs execute-api:Invoke. */
  iam?: boolean;
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

/** How the terminal and the console name a route: `HTTP GET /items/{id}`, `ProdHttpApi HTTP GET /me`. */
export function httpRouteLabel(api: HttpApi, route: HttpRoute): string {
  return `${api.id === IMPLICIT_HTTP_API ? '' : `${api.id} `}HTTP ${route.routeKey}`;
}
export const DEFAULT_HTTP_STAGE = '$default';

export function httpRoute(
  routeKey: string,
  target: { functionId: string } | { unsupported: string },
  payloadFormat: PayloadFormat,
  auth: { authorizer?: HttpAuthorizer; iam?: boolean; scopes?: string[] } = {},
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
    ...(auth.iam === true ? { iam: true } : {}),
    authorizationScopes: auth.scopes ?? [],
  };
}

/** `CorsConfiguration`: `true` (any origin), or the object SAM and CloudFormation take. */
export function corsOf(value: unknown): HttpCors | undefined {
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
    allowOrigins: stringList(settings.AllowOrigins),
    allowMethods: stringList(settings.AllowMethods),
    allowHeaders: stringList(settings.AllowHeaders),
    exposeHeaders: stringList(settings.ExposeHeaders),
    ...(Number.isFinite(maxAge) && settings.MaxAge !== undefined ? { maxAge } : {}),
    allowCredentials: settings.AllowCredentials === true,
  };
}
