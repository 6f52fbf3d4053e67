// The HTTP APIs' side of the server: their routing ($default included), CORS, JWT and Lambda
// authorizers, payload 2.0 (or 1.0) events and results, and their limits.
import { randomUUID } from 'node:crypto';
import { HttpLambdaAuthorizers } from '../auth/http-lambda-authorizer';
import { iamDecisionV2 } from '../auth/sigv4-verification';
import { validateJwt } from '../auth/jwt-validation';
import type { Gateway } from '../gateway/front-door';
import { integrated } from '../gateway/integrated-step';
import { withDeadline } from '../gateway/with-deadline';
import type { HttpReply } from '../gateway/http-reply';
import { incomingRequest } from '../gateway/incoming-request';
import { resultOf } from '../gateway/invocation-report';
import { matchRoute } from '../gateway/route-matching';
import { proxyEventV1, type ProxyEventV1Input } from '../formats/proxy-v1-event';
import type { ProxyEventV1 } from '../formats/proxy-v1-event-types';
import { replyFor } from '../gateway/proxy-v1-result';
import type { RunningFunctions } from '../runtime/running-functions';
import { httpRouteLabel, type HttpApi, type HttpRoute } from '../template/http-api-model';
import { httpPreflight, withCors } from '../gateway/cors-v2';
import { decodedPath, isTextBody, proxyEventV2 } from '../formats/proxy-v2-event';
import type { HttpProxyEventV2 } from '../formats/proxy-v2-event-types';
import { replyForV2 } from '../gateway/proxy-v2-result';
import { httpApiMessage, internalServerError } from './result';

/** HTTP APIs' integration timeout. */
export const HTTP_API_TIMEOUT_MS = 30_000;

interface HttpMatch {
  api: HttpApi;
  route: HttpRoute;
  pathParameters: Record<string, string> | null;
}

/** Each API's routes but `$default`, kept: matching indexes a list once, by the list (see route-matching). */
const routed = new WeakMap<HttpApi, HttpRoute[]>();

function routedOf(api: HttpApi): HttpRoute[] {
  let routes = routed.get(api);
  if (routes === undefined) {
    routes = api.routes.filter((route) => route.routeKey !== '$default');
    routed.set(api, routes);
  }
  return routes;
}

/**
 * The route of a request: a named stage's prefix first (its routes also answer without it, as
 * `sam local` serves them); exact, then parameters, then greedy, then `$default`.
 */
function matchHttpRoute(apis: HttpApi[], method: string | undefined, path: string): HttpMatch | undefined {
  const readings = [
    ...apis.flatMap((api) =>
      api.stage !== '$default' && (path === `/${api.stage}` || path.startsWith(`/${api.stage}/`))
        ? [{ api, path: path.slice(api.stage.length + 1) || '/', prefixed: true }]
        : [],
    ),
    ...apis.map((api) => ({ api, path, prefixed: false })),
  ];
  for (const { api, path: routePath } of readings) {
    const match = matchRoute(routedOf(api), method, routePath);
    if (match !== undefined) return { api, route: match.route, pathParameters: match.pathParameters };
  }
  // A named stage's $default route catches only its own URLs: without the prefix it would catch all.
  for (const { api, prefixed } of readings) {
    if (!prefixed && api.stage !== '$default') continue;
    const fallback = api.routes.find((route) => route.routeKey === '$default');
    if (fallback !== undefined) return { api, route: fallback, pathParameters: null };
  }
  return undefined;
}

/** The HTTP APIs of a template as one gateway; it answers 404 for a path none of them has. */
export function httpApiGateway(
  apis: HttpApi[],
  functions: RunningFunctions,
  timeoutMs = HTTP_API_TIMEOUT_MS,
): Gateway {
  return {
    owns: (method, path) => matchHttpRoute(apis, method, path) !== undefined,
    answer: httpApiAnswer(apis, functions, timeoutMs),
  };
}

function httpApiAnswer(apis: HttpApi[], functions: RunningFunctions, timeoutMs: number): Gateway['answer'] {
  const lambdaAuthorizers = new HttpLambdaAuthorizers(functions);
  return async (request, path, body, clock) => {
    const method = request.method ?? 'GET';
    const origin = request.headers.origin;
    if (method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined) {
      const api =
        matchHttpRoute(apis, undefined, path)?.api ?? apis.find((candidate) => candidate.cors !== undefined);
      if (api?.cors !== undefined) return { http: httpPreflight(api.cors, origin) };
    }
    const match = matchHttpRoute(apis, method, path);
    if (match === undefined) {
      clock.step('Route', 'no route: Not Found');
      return { http: httpApiMessage(404, 'Not Found') };
    }
    const { api, route } = match;
    const trigger = httpRouteLabel(api, route);
    clock.step('Route', trigger);
    const answer = (reply: HttpReply): HttpReply => withCors(reply, api.cors, origin);
    if (route.functionId === undefined)
      return { http: answer(internalServerError(route.unsupported ?? 'no integration')) };
    const { functionId } = route;
    const incoming = incomingRequest(request, body);
    const requestId = randomUUID();
    const target = {
      routeKey: route.routeKey,
      apiId: api.apiId,
      stage: api.stage,
      stageVariables: api.stageVariables,
      decodePath: true,
    };
    const event = proxyEventV2(incoming, target, match.pathParameters, requestId);
    // Who may call, before the integration.
    let note: string | undefined;
    let iamAuthorizer: HttpProxyEventV2['requestContext']['authorizer'];
    if (route.iam === true) {
      const iam = await iamDecisionV2(incoming, body);
      if ('refused' in iam) return { http: answer(httpApiMessage(403, 'Forbidden', iam.refused)) };
      note = iam.note;
      if (iam.iam !== undefined) iamAuthorizer = { iam: iam.iam };
    }
    let authorizer: HttpProxyEventV2['requestContext']['authorizer'] = iamAuthorizer;
    if (route.authorizer?.type === 'JWT') {
      const source =
        /^\$request\.header\.(.+)$/i.exec(route.authorizer.identitySource)?.[1]?.toLowerCase() ??
        'authorization';
      const verdict = validateJwt(event.headers[source], route.authorizer, route.authorizationScopes);
      if (!verdict.valid) {
        const refused =
          verdict.statusCode === 401
            ? httpApiMessage(401, 'Unauthorized', verdict.why)
            : httpApiMessage(403, 'Forbidden', verdict.why);
        if (verdict.statusCode === 401)
          refused.headers.push([
            'www-authenticate',
            `Bearer error="invalid_token" error_description="${verdict.why}"`,
          ]);
        return { http: answer(refused) };
      }
      authorizer = { jwt: { claims: verdict.claims, scopes: verdict.scopes } };
    } else if (route.authorizer?.type === 'REQUEST') {
      const decision = await lambdaAuthorizers.authorize(route.authorizer, event, () =>
        v1Event(incoming, match, requestId, undefined),
      );
      if (decision.note !== undefined)
        note = note === undefined ? decision.note : `${note}; ${decision.note}`;
      if (!decision.allowed) {
        const text =
          decision.statusCode === 401
            ? 'Unauthorized'
            : decision.statusCode === 403
              ? 'Forbidden'
              : 'Internal Server Error';
        return { http: answer(httpApiMessage(decision.statusCode, text, decision.why)), note };
      }
      authorizer = { lambda: decision.context };
    }
    if (route.iam === true || route.authorizer !== undefined)
      clock.step(
        'Authorize',
        () => `${route.authorizer?.type ?? 'AWS_IAM'}: allowed${note === undefined ? '' : ` (${note})`}`,
      );
    const payload: unknown =
      route.payloadFormat === '2.0'
        ? {
            ...event,
            requestContext: { ...event.requestContext, ...(authorizer === undefined ? {} : { authorizer }) },
          }
        : v1Event(incoming, match, requestId, authorizer);
    const invocation = functions.invoke(functionId, payload);
    const outcome =
      functions.timeoutMs(functionId) > timeoutMs
        ? await withDeadline(invocation.outcome, timeoutMs)
        : await invocation.outcome;
    clock.step('Integrate', () => integrated(functionId, invocation.awsRequestId, outcome, functions));
    const record = { functionId, trigger, event: () => payload };
    if (outcome === undefined) {
      return {
        http: answer(
          httpApiMessage(
            503,
            'Service Unavailable',
            `the integration ran past the HTTP API's ${timeoutMs / 1000} s limit`,
          ),
        ),
        invoked: {
          requestId,
          logs: invocation.logs,
          record: { ...record, result: { message: 'still running' } },
        },
        note,
      };
    }
    const reply = route.payloadFormat === '2.0' ? replyForV2(outcome, internalServerError) : v1Reply(outcome);
    return {
      http: answer(reply),
      invoked: { requestId, logs: invocation.logs, record: { ...record, result: resultOf(outcome) } },
      note,
    };
  };
}

/** Payload 1.0 on an HTTP API: the REST event, with its version and route key. */
function v1Event(
  incoming: ReturnType<typeof incomingRequest>,
  match: HttpMatch,
  requestId: string,
  authorizer: HttpProxyEventV2['requestContext']['authorizer'],
): ProxyEventV1 & { version: '1.0'; routeKey: string } {
  const { api, route } = match;
  const input: ProxyEventV1Input = {
    request: incoming,
    resourcePath: route.path,
    pathParameters: match.pathParameters,
    apiId: api.apiId,
    stage: api.stage,
    stagePrefix: '',
    stageVariables: api.stageVariables,
    binaryMediaTypes: [],
    authorizer: null,
    apiKey: null,
    iamCaller: null,
    requestId,
    extendedRequestId: randomUUID(),
    requestTimeEpoch: Date.now(),
  };
  if (authorizer !== undefined && 'iam' in authorizer)
    input.iamCaller = { accessKey: authorizer.iam.accessKey, accountId: authorizer.iam.accountId };
  else if (authorizer !== undefined)
    input.authorizer =
      'jwt' in authorizer
        ? { claims: authorizer.jwt.claims, scopes: authorizer.jwt.scopes }
        : authorizer.lambda;
  // Payload 1.0 as HTTP APIs send it ("Working with AWS Lambda proxy integrations for HTTP APIs"):
  // header names in lower case, `path` and `requestContext.path` the path as requested (the stage in
  // it for a named stage, never added again), and a body base64-encoded by the 2.0 rule.
  const event = proxyEventV1({
    ...input,
    request: { ...incoming, rawHeaders: lowerCaseNames(incoming.rawHeaders) },
  });
  const path = decodedPath(event.path);
  const bytes = incoming.body;
  const binary = bytes !== null && !isTextBody(event.headers?.['content-type']);
  return {
    version: '1.0',
    routeKey: route.routeKey,
    ...event,
    path,
    ...(binary ? { body: Buffer.from(bytes).toString('base64'), isBase64Encoded: true } : {}),
    requestContext: { ...event.requestContext, path },
  };
}

function lowerCaseNames(rawHeaders: string[]): string[] {
  return rawHeaders.map((item, index) => (index % 2 === 0 ? item.toLowerCase() : item));
}

/** A 1.0 result follows the REST rules, but HTTP APIs answer a failure with 500. */
function v1Reply(outcome: Parameters<typeof replyFor>[0]): HttpReply {
  // HTTP APIs decode every base64 result ("Working with AWS Lambda proxy integrations for HTTP APIs").
  const reply = replyFor(outcome, () => true);
  return reply.statusCode === 502 && reply.fault !== undefined ? internalServerError(reply.fault) : reply;
}
