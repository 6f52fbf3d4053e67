// Route matching as both API Gateways do it: literal path segments beat `{param}`, which beats a
// greedy `{proxy+}`; a route's own method beats ANY.
import type { Segment } from '../template/rest-api-model';

/** What matching needs of a route, REST or HTTP API. */
export interface MatchableRoute {
  /** Upper case, or ANY. */
  method: string;
  segments: Segment[];
}

export interface RouteMatch<R extends MatchableRoute> {
  route: R;
  pathParameters: Record<string, string> | null;
}

/**
 * The route API Gateway picks for a request path: literal segments beat `{param}`, which beats a
 * greedy `{proxy+}`; a route's own method beats ANY. `method` undefined matches any method.
 */
export function matchRoute<R extends MatchableRoute>(
  routes: R[],
  method: string | undefined,
  path: string,
): RouteMatch<R> | undefined {
  const parts = path.split('/').filter((part) => part !== '');
  let best: { match: RouteMatch<R>; rank: number[] } | undefined;
  for (const route of routes) {
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
