// The HTTP API model the emulator serves (API Gateway v2): APIs, routes, authorizers, CORS.
import type { MatchableRoute } from '../gateway/route-matching';
import { parsePath } from './rest-api-model';

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
export const DEFAULT_HTTP_STAGE = '$default';

export const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
export const strings = (value: unknown): string[] =>
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
    allowOrigins: strings(settings.AllowOrigins),
    allowMethods: strings(settings.AllowMethods),
    allowHeaders: strings(settings.AllowHeaders),
    exposeHeaders: strings(settings.ExposeHeaders),
    ...(Number.isFinite(maxAge) && settings.MaxAge !== undefined ? { maxAge } : {}),
    allowCredentials: settings.AllowCredentials === true,
  };
}
