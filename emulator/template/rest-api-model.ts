// The REST API model the emulator serves: APIs, their stages and routes.
import type { NonProxyIntegration, RequestValidation } from './rest-integration-model';
import type { RouteTarget } from './rest-integrations';
import { parsePath, type MatchableRoute } from './route-path';

/** A resource path and method of a REST API, and the function its Lambda proxy integration invokes. */
export interface Route extends MatchableRoute {
  resourcePath: string; // as in the template: /items/{id}, /files/{proxy+}
  /** The function invoked; undefined when the integration is not one the emulator runs. */
  functionId?: string;
  /** A MOCK, HTTP, HTTP_PROXY or AWS integration, run with its mapping templates. */
  integration?: NonProxyIntegration;
  /** Why the integration cannot be run here, for its 500 and the terminal. */
  unsupported?: string;
  auth?: MethodAuth;
  /** The method's request validator, when it has one. */
  validation?: RequestValidation;
}

export interface CorsSettings {
  allowOrigin: string;
  allowMethods: string;
  allowHeaders?: string;
  maxAge?: string;
  allowCredentials?: boolean;
}

/** A REST API as the emulator serves it: its routes, its stage, and its API-wide settings. */
export interface RestApi {
  /** The logical id: `ServerlessRestApi` for SAM's implicit API. */
  id: string;
  /** The `apiId` in events and method ARNs. */
  apiId: string;
  /** The stage the API is deployed as, which every event names and URLs may start with. */
  stage: string;
  stageVariables: Record<string, string> | null;
  routes: Route[];
  cors?: CorsSettings;
  binaryMediaTypes: string[];
  /** What guards the CORS preflight the gateway answers (SAM adds the default authorizer to it). */
  preflightAuth?: MethodAuth;
  /** The API keys valid for this API's stage: value → key id. */
  apiKeys: Map<string, string>;
  gatewayResponses: Map<string, GatewayResponseOverride>;
  /** The API's resource policy, its resources as full method ARNs; undefined when it has none. */
  resourcePolicy?: unknown;
  /** The stage's access log Format (`AccessLogSetting`), which the console renders for each request. */
  accessLogFormat?: string;
}

export const IMPLICIT_API = 'ServerlessRestApi';

/** How the terminal and the console name a route: `ANY /helloworld`, `DevApi GET /me`. */
export function restRouteLabel(api: RestApi, route: Route): string {
  return `${api.id === IMPLICIT_API ? '' : `${api.id} `}${route.method} ${route.resourcePath}`;
}

/** A stable, readable api id for an API other than the implicit one: its logical id, lower-cased. */
export function apiIdOf(logicalId: string): string {
  return logicalId.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function route(
  method: string,
  path: string,
  target: RouteTarget,
  auth?: MethodAuth,
  validation?: RequestValidation,
): Route {
  return {
    method: method.toUpperCase(),
    resourcePath: path,
    segments: parsePath(path),
    ...target,
    // A method that nothing guards has no auth: its requests skip the guard stage.
    ...(auth === undefined || !guardsAnything(auth) ? {} : { auth }),
    ...(validation === undefined ? {} : { validation }),
  };
}

function guardsAnything(auth: MethodAuth): boolean {
  return auth.authorizer !== undefined || auth.iam === true || auth.apiKeyRequired;
}

/** Stage variables as the event carries them: a map of strings, or null when there are none. */
export function stringMap(value: unknown): Record<string, string> | null {
  if (typeof value !== 'object' || value === null) return null;
  const entries = Object.entries(value).filter((entry): entry is [string, string | number | boolean] =>
    ['string', 'number', 'boolean'].includes(typeof entry[1]),
  );
  return entries.length === 0 ? null : Object.fromEntries(entries.map(([key, item]) => [key, String(item)]));
}

/** Where an authorizer reads the caller's identity: `method.request.header.Authorization` and the like. */
export interface IdentitySource {
  from: 'header' | 'query' | 'stageVariable' | 'context';
  name: string;
}

/** A REST API authorizer: a Lambda function (TOKEN or REQUEST), or a Cognito user pool. */
export type RestAuthorizer =
  | {
      name: string;
      type: 'TOKEN' | 'REQUEST';
      functionId: string;
      identitySources: IdentitySource[];
      /** How long a result is cached per identity; 0 turns caching off. */
      ttlSeconds: number;
      /** TOKEN only: a token that does not match is refused without calling the function. */
      validationExpression?: string;
    }
  | { name: string; type: 'COGNITO_USER_POOLS'; identitySources: IdentitySource[] };

/** What guards a method: its authorizer, and whether it needs an API key. */
export interface MethodAuth {
  authorizer?: RestAuthorizer;
  /** `AWS_IAM`: the caller signs with SigV4 and needs execute-api:Invoke. */
  iam?: boolean;
  apiKeyRequired: boolean;
}

/** An API's customisation of one gateway response type (UNAUTHORIZED, DEFAULT_4XX, ...). */
export interface GatewayResponseOverride {
  statusCode?: number;
  headers: [string, string][];
  /** The application/json template, if any. */
  template?: string;
}

/** What a route runs, for the start-up banner: its function, its integration, or that it answers 500. */
export function restRouteTarget(route: Route): string {
  const { integration } = route;
  if (route.functionId !== undefined) return route.functionId;
  if (integration === undefined) return 'not emulated: answers 500';
  if (integration.functionId !== undefined) return `${integration.functionId} (Lambda integration, no proxy)`;
  return integration.type === 'MOCK' ? 'MOCK' : `${integration.type} ${integration.uri}`;
}
