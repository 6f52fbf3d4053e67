import type { RestApi, Route, Segment } from '../template/rest-api-model';

export interface RouteMatch {
  route: Route;
  pathParameters: Record<string, string> | null;
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

export interface ApiRouteMatch extends RouteMatch {
  api: RestApi;
  /** The `/{stage}` the URL started with, or '' for a URL without it. */
  stagePrefix: string;
}

/**
 * The API and route for a request on the one port that serves them all. A URL may start with an
 * API's stage, as the real endpoint's URLs do (`/Prod/helloworld`), or leave it out, as
 * `sam local start-api` does; the stage-prefixed reading wins when both match, and without a prefix
 * the first API (the implicit one, then the template's order) that has the route answers.
 */
export function matchApiRoute(
  apis: RestApi[],
  method: string | undefined,
  path: string,
): ApiRouteMatch | undefined {
  for (const api of apis) {
    const prefix = `/${api.stage}`;
    if (path !== prefix && !path.startsWith(`${prefix}/`)) continue;
    const match = matchRoute(api, method, path.slice(prefix.length) || '/');
    if (match !== undefined) return { ...match, api, stagePrefix: prefix };
  }
  for (const api of apis) {
    const match = matchRoute(api, method, path);
    if (match !== undefined) return { ...match, api, stagePrefix: '' };
  }
  return undefined;
}
