import { matchRoute, type RouteMatch } from '../gateway/route-matching';
import type { RestApi, Route } from '../template/rest-api-model';

export interface ApiRouteMatch extends RouteMatch<Route> {
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
    const match = matchRoute(api.routes, method, path.slice(prefix.length) || '/');
    if (match !== undefined)
      return { route: match.route, pathParameters: match.pathParameters, api, stagePrefix: prefix };
  }
  for (const api of apis) {
    const match = matchRoute(api.routes, method, path);
    if (match !== undefined)
      return { route: match.route, pathParameters: match.pathParameters, api, stagePrefix: '' };
  }
  return undefined;
}
