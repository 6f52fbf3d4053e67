// Route matching as both API Gateways do it: literal path segments beat `{param}`, which beats a
// greedy `{proxy+}`; a route's own method beats ANY.
import type { MatchableRoute, Segment } from '../template/route-path';

export interface RouteMatch<R extends MatchableRoute> {
  route: R;
  pathParameters: Record<string, string> | null;
}

/** The routes by path segment: a request walks it once, whatever the number of routes. */
interface Node<R> {
  literals: Map<string, Node<R>>;
  param?: Node<R>;
  /** Routes whose path ends here, and routes that end in a greedy segment here. */
  ending: R[];
  greedy: R[];
}

const newNode = <R>(): Node<R> => ({ literals: new Map(), ending: [], greedy: [] });

/** Each list of routes' tree, made the first time it is matched (a template change makes new lists). */
const trees = new WeakMap<readonly MatchableRoute[], Node<MatchableRoute>>();

function treeOf<R extends MatchableRoute>(routes: readonly R[]): Node<R> {
  const known = trees.get(routes) as Node<R> | undefined;
  if (known !== undefined) return known;
  const root = newNode<R>();
  for (const route of routes) {
    let node = root;
    let greedy = false;
    for (const segment of route.segments) {
      if ('literal' in segment) {
        let next = node.literals.get(segment.literal);
        if (next === undefined) node.literals.set(segment.literal, (next = newNode<R>()));
        node = next;
      } else if (segment.greedy) {
        greedy = true;
        break;
      } else {
        node = node.param ??= newNode<R>();
      }
    }
    (greedy ? node.greedy : node.ending).push(route);
  }
  trees.set(routes, root);
  return root;
}

/**
 * The route API Gateway picks for a request path: literal segments beat `{param}`, which beats a
 * greedy `{proxy+}`, segment by segment from the left; a route's own method beats ANY. `method`
 * undefined matches any method. The routes are indexed once, so the cost is the path's, not the
 * number of routes'.
 */
export function matchRoute<R extends MatchableRoute>(
  routes: readonly R[],
  method: string | undefined,
  path: string,
): RouteMatch<R> | undefined {
  const parts = path.split('/').filter((part) => part !== '');
  const route = find(treeOf(routes), parts, 0, method);
  if (route === undefined) return undefined;
  return { route, pathParameters: parametersOf(route.segments, parts) };
}

/** Depth first in the order of preference: the first route found is the one API Gateway picks. */
function find<R extends MatchableRoute>(
  node: Node<R>,
  parts: string[],
  index: number,
  method: string | undefined,
): R | undefined {
  if (index === parts.length) return byMethod(node.ending, method);
  const part = parts[index] ?? '';
  const literal = node.literals.get(part);
  const found =
    (literal === undefined ? undefined : find(literal, parts, index + 1, method)) ??
    (node.param === undefined ? undefined : find(node.param, parts, index + 1, method));
  return found ?? byMethod(node.greedy, method);
}

function byMethod<R extends MatchableRoute>(routes: R[], method: string | undefined): R | undefined {
  if (routes.length === 0) return undefined;
  if (method === undefined) return routes.find((route) => route.method !== 'ANY') ?? routes[0];
  return routes.find((route) => route.method === method) ?? routes.find((route) => route.method === 'ANY');
}

function parametersOf(segments: Segment[], parts: string[]): Record<string, string> | null {
  let parameters: Record<string, string> | null = null;
  for (const [index, segment] of segments.entries()) {
    if ('literal' in segment) continue;
    parameters ??= {};
    if (segment.greedy) {
      parameters[segment.param] = parts.slice(index).map(decodeSegment).join('/');
      break;
    }
    parameters[segment.param] = decodeSegment(parts[index] ?? '');
  }
  return parameters;
}

function decodeSegment(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
