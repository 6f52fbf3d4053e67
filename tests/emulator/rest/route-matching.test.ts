import { matchRoute } from '../../../emulator/gateway/route-matching';
import { templateFunctions } from '../../../emulator/template/functions';
import fc from 'fast-check';
import { route, type RestApi, type Route } from '../../../emulator/template/rest-api-model';
import { restApisOf } from '../../../emulator/template/rest-apis';
import { readTemplate } from '../../../emulator/template/template';
import { FIXTURE_TEMPLATE } from '../../support/local-api';

const [api] = restApisOf(
  templateFunctions(readTemplate(FIXTURE_TEMPLATE), FIXTURE_TEMPLATE).functions,
  readTemplate(FIXTURE_TEMPLATE),
  FIXTURE_TEMPLATE,
).apis as [RestApi];
const functionFor = (method: string, path: string): string | undefined =>
  matchRoute(api.routes, method, path)?.route.functionId;

describe('the route API Gateway picks for a request', () => {
  it('matches ANY for every method and a single method only for itself', () => {
    expect(functionFor('DELETE', '/echo')).toBe('EchoFunction');
    expect(functionFor('POST', '/binary')).toBe('BinaryFunction');
    expect(functionFor('GET', '/binary')).toBeUndefined();
  });

  it('ranks literal over {param} over {proxy+}', () => {
    expect(functionFor('GET', '/items/special')).toBe('SpecialItemFunction');
    expect(matchRoute(api.routes, 'GET', '/items/7')?.pathParameters).toEqual({ id: '7' });
    expect(matchRoute(api.routes, 'GET', '/files/x')?.pathParameters).toEqual({ proxy: 'x' });
  });

  it('needs at least one segment for a greedy parameter', () => {
    expect(functionFor('GET', '/files')).toBeUndefined();
    expect(functionFor('GET', '/files/')).toBeUndefined();
  });
});

/** API Gateway's ranking read literally: every route compared, segment by segment, then by method. */
function rankedByHand(
  routes: Route[],
  method: string | undefined,
  path: string,
): { route: Route; pathParameters: Record<string, string> | null } | undefined {
  const parts = path.split('/').filter((part) => part !== '');
  let best: { route: Route; rank: number[]; parameters: Record<string, string> } | undefined;
  for (const candidate of routes) {
    if (method !== undefined && candidate.method !== method && candidate.method !== 'ANY') continue;
    const parameters: Record<string, string> = {};
    let matches = true;
    let consumed = 0;
    for (const [index, segment] of candidate.segments.entries()) {
      const part = parts[index];
      if (part === undefined) {
        matches = false;
        break;
      }
      if ('literal' in segment) {
        if (segment.literal !== part) matches = false;
        consumed = index + 1;
      } else if (segment.greedy) {
        parameters[segment.param] = parts.slice(index).join('/');
        consumed = parts.length;
        break;
      } else {
        parameters[segment.param] = part;
        consumed = index + 1;
      }
      if (!matches) break;
    }
    if (!matches || consumed !== parts.length) continue;
    const rank = [
      ...candidate.segments.map((segment) => ('literal' in segment ? 2 : segment.greedy ? 0 : 1)),
      candidate.method === 'ANY' ? 0 : 1,
    ];
    const better = (a: number[], b: number[]): boolean => {
      for (let index = 0; index < Math.max(a.length, b.length); index++) {
        const difference = (a[index] ?? -1) - (b[index] ?? -1);
        if (difference !== 0) return difference > 0;
      }
      return false;
    };
    if (best === undefined || better(rank, best.rank)) best = { route: candidate, rank, parameters };
  }
  if (best === undefined) return undefined;
  return {
    route: best.route,
    pathParameters: Object.keys(best.parameters).length > 0 ? best.parameters : null,
  };
}

describe('the routes, indexed', () => {
  it('pick what ranking every route by hand picks, for any set of routes and any path', () => {
    const segment = fc.constantFrom('a', 'b', '{id}', '{name}', '{proxy+}');
    const routePath = fc
      .array(segment, { maxLength: 4 })
      .map(
        (segments) =>
          `/${segments.filter((part, index) => part !== '{proxy+}' || index === segments.length - 1).join('/')}`,
      );
    const routes = fc.uniqueArray(fc.tuple(fc.constantFrom('GET', 'POST', 'ANY'), routePath), {
      maxLength: 12,
      selector: ([method, path]) => `${method} ${path}`,
    });
    const requestPath = fc
      .array(fc.constantFrom('a', 'b', 'c'), { maxLength: 5 })
      .map((parts) => `/${parts.join('/')}`);
    fc.assert(
      fc.property(
        routes,
        fc.constantFrom('GET', 'POST', 'PUT', undefined),
        requestPath,
        (list, method, path) => {
          const table = list.map(([routeMethod, routePathText]) =>
            route(routeMethod, routePathText, { functionId: `${routeMethod} ${routePathText}` }),
          );
          const indexed = matchRoute(table, method, path);
          const byHand = rankedByHand(table, method, path);
          expect(indexed?.route.functionId).toBe(byHand?.route.functionId);
          expect(indexed?.pathParameters ?? null).toEqual(byHand?.pathParameters ?? null);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('find the last of 1,000 routes', () => {
    const table = Array.from({ length: 1000 }, (_, index) =>
      route('GET', `/r${index}/{id}`, { functionId: `F${index}` }),
    );
    expect(matchRoute(table, 'GET', '/r999/x')).toEqual({ route: table[999], pathParameters: { id: 'x' } });
    expect(matchRoute(table, 'GET', '/r1000/x')).toBeUndefined();
  });
});
