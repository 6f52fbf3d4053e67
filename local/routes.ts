import type { FunctionSpec } from './functions';
import { resolveValue } from './intrinsics';
import type { Template } from './template';

/** One `Api` event of the implicit REST API: a resource path and method served by a function. */
export interface Route {
  functionId: string;
  method: string; // upper case, or ANY
  resourcePath: string; // as in the template: /items/{id}, /files/{proxy+}
  segments: Segment[];
}

type Segment = { literal: string } | { param: string; greedy: boolean };

export interface CorsSettings {
  allowOrigin: string;
  allowMethods: string;
  allowHeaders?: string;
  maxAge?: string;
  allowCredentials?: boolean;
}

/** What the emulator serves: the implicit API's routes and its API-wide settings. */
export interface RestApi {
  routes: Route[];
  cors?: CorsSettings;
  binaryMediaTypes: string[];
}

export interface RouteMatch {
  route: Route;
  pathParameters: Record<string, string> | null;
}

export function restApiOf(functions: FunctionSpec[], template: Template): RestApi {
  const routes: Route[] = [];
  for (const fn of functions) {
    for (const event of Object.values(fn.events)) {
      // An Api event with RestApiId belongs to an explicit API; the emulator serves the implicit one.
      if (event.Type !== 'Api' || event.Properties?.RestApiId !== undefined) continue;
      const path = event.Properties?.Path;
      const method = event.Properties?.Method;
      if (typeof path !== 'string' || typeof method !== 'string') continue;
      routes.push({
        functionId: fn.id,
        method: method.toUpperCase(),
        resourcePath: path,
        segments: parsePath(path),
      });
    }
  }
  const api = (resolveValue(template.Globals?.Api ?? {}, template) ?? {}) as Record<string, unknown>;
  const binaryMediaTypes = Array.isArray(api.BinaryMediaTypes)
    ? api.BinaryMediaTypes.filter((type): type is string => typeof type === 'string').map((type) =>
        type.replaceAll('~1', '/'),
      )
    : [];
  return { routes, binaryMediaTypes, ...corsOf(api.Cors) };
}

function parsePath(path: string): Segment[] {
  return path
    .split('/')
    .filter((part) => part !== '')
    .map((part) => {
      const param = /^\{([^}]+?)(\+)?\}$/.exec(part);
      return param?.[1] === undefined ? { literal: part } : { param: param[1], greedy: param[2] === '+' };
    });
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

/**
 * The route API Gateway picks for a request path: literal segments beat `{param}`, which beats a
 * greedy `{proxy+}`; a route's own method beats ANY. `method` undefined matches any method.
 */
export function matchRoute(api: RestApi, method: string | undefined, path: string): RouteMatch | undefined {
  const parts = path.split('/').filter((part) => part !== '');
  let best: { match: RouteMatch; rank: number[] } | undefined;
  for (const route of api.routes) {
    if (method !== undefined && route.method !== method && route.method !== 'ANY') continue;
    const pathParameters = matchSegments(route.segments, parts);
    if (pathParameters === undefined) continue;
    const rank = [
      ...route.segments.map((segment) => ('literal' in segment ? 2 : segment.greedy ? 0 : 1)),
      route.method === 'ANY' ? 0 : 1,
    ];
    if (best === undefined || compareRanks(rank, best.rank) > 0) {
      best = {
        match: { route, pathParameters: Object.keys(pathParameters).length > 0 ? pathParameters : null },
        rank,
      };
    }
  }
  return best?.match;
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    const part = parts[index];
    if (part === undefined) return undefined;
    if ('literal' in segment) {
      if (segment.literal !== part) return undefined;
    } else if (segment.greedy) {
      parameters[segment.param] = parts.slice(index).map(decodeSegment).join('/');
      return parameters;
    } else {
      parameters[segment.param] = decodeSegment(part);
    }
  }
  return parts.length === segments.length ? parameters : undefined;
}

function decodeSegment(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function compareRanks(a: number[], b: number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? -1) - (b[index] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}
