import type { IncomingMessage, RequestListener } from 'node:http';
import type { NewRecord } from '../console/recent-invocations';
import { gatewayReply, sendInternalFailure, sendReply, type HttpReply } from '../gateway/http-reply';
import { incomingRequest } from '../gateway/incoming-request';
import { resultOf, type InvocationReporter } from '../gateway/invocation-report';
import { readBody } from '../gateway/request-body';
import { overLimitReply } from '../gateway/request-limits';
import type { RunningFunctions } from '../runtime/running-functions';
import { pathOf } from '../shared/url-path';
import { RestAuthorizers, type AuthRefusal } from '../auth/rest-authorizer';
import { findHeader, headerPairs, pairsToMaps } from '../gateway/parameter-maps';
import { IMPLICIT_API, type MethodAuth, type RestApi } from '../template/rest-api-model';
import { gatewayResponse } from './gateway-responses';
import { preflight } from './cors-preflight';
import { restEventInput, restProxyEvent, type RestEventInput } from './proxy-event';
import { replyFor } from './proxy-result';
import { matchApiRoute } from './route-matching';

export const API_GATEWAY_TIMEOUT_MS = 29_000;

export interface RestOptions {
  /** API Gateway's integration timeout; lowered only by tests. */
  apiTimeoutMs?: number;
  reporter: InvocationReporter;
  /** Requests the REST API does not own (the WebSocket API's @connections), or undefined. */
  otherRequests?: (request: IncomingMessage, path: string, body: Buffer) => HttpReply | undefined;
}

/** The REST API's side of the server: API Gateway's routing, limits and gateway responses in front of the functions. */
export function restRequestHandler(
  apis: RestApi[],
  functions: RunningFunctions,
  options: RestOptions,
): RequestListener {
  const gateway: RestGateway = {
    apis,
    functions,
    authorizers: new RestAuthorizers(functions),
    apiTimeoutMs: options.apiTimeoutMs ?? API_GATEWAY_TIMEOUT_MS,
    otherRequests: options.otherRequests,
  };
  const { reporter } = options;
  return (request, response) => {
    const started = performance.now();
    // Whatever fails below, the client gets an answer and the server goes on.
    const fail = (error: unknown): void => {
      sendInternalFailure(response);
      reporter.reportFailure(`${request.method ?? ''} ${request.url ?? ''} 500 the emulator failed`, error);
    };
    const overLimit = overLimitReply(request);
    if (overLimit !== undefined) {
      request.resume();
      sendReply(response, overLimit, request.method === 'HEAD');
      reporter.report(
        `${request.method ?? ''} ${(request.url ?? '').slice(0, 200)} ${overLimit.statusCode}`,
        undefined,
        undefined,
      );
      return;
    }
    readBody(request, (body) => {
      handle(request, body, gateway)
        .then(({ http, invoked }) => {
          sendReply(response, http, request.method === 'HEAD');
          const ms = performance.now() - started;
          const id = invoked === undefined ? '' : ` ${invoked.requestId}`;
          const line = `${request.method ?? ''} ${request.url ?? ''} ${http.statusCode} ${ms.toFixed(0)} ms${id}`;
          if (invoked === undefined) {
            reporter.report(line, http.fault, undefined);
            return;
          }
          const { functionId, trigger, event, result } = invoked.record;
          reporter.report(line, http.fault, {
            functionId,
            trigger,
            event,
            result,
            status: http.statusCode,
            durationMs: Math.round(ms),
            logs: invoked.logs,
          });
        })
        .catch(fail);
    });
  };
}

/**
 * What the REST API answers, and for a request that invoked a function, what the terminal and the
 * console are told of it. Built from fresh literals, never by spreading one object into another:
 * under load, with spread copies here and in the console's records, 1.3 KB per request reached V8's
 * old generation and the HTTP thread paused for GC three times as long; without them, 0.06 KB.
 */
interface Handled {
  http: HttpReply;
  invoked?: {
    requestId: string;
    logs: string[];
    record: Pick<NewRecord, 'functionId' | 'trigger' | 'event' | 'result'>;
  };
}

/** What every request of the REST APIs is answered with. */
interface RestGateway {
  apis: RestApi[];
  functions: RunningFunctions;
  authorizers: RestAuthorizers;
  apiTimeoutMs: number;
  otherRequests: RestOptions['otherRequests'];
}

async function handle(
  request: IncomingMessage,
  body: Buffer | undefined,
  gateway: RestGateway,
): Promise<Handled> {
  const { apis, functions, authorizers, apiTimeoutMs, otherRequests } = gateway;
  if (body === undefined) return { http: gatewayReply(413, 'Request Too Long') };
  const method = request.method ?? 'GET';
  const path = pathOf(request.url);
  const other = otherRequests?.(request, path, body);
  if (other !== undefined) return { http: other };
  if (method === 'OPTIONS') {
    const preflightMatch = matchApiRoute(apis, undefined, path);
    const cors = preflightMatch?.api.cors;
    if (preflightMatch !== undefined && cors !== undefined) {
      const guard = preflightMatch.api.preflightAuth;
      const refused =
        guard === undefined
          ? undefined
          : await guarded(
              guard,
              restEventInput(incomingRequest(request, body), preflightMatch),
              preflightMatch.api,
              authorizers,
            );
      return { http: refused ?? preflight(cors) };
    }
  }
  const match = matchApiRoute(apis, method, path);
  if (match === undefined) return { http: gatewayReply(403, 'Missing Authentication Token') };
  const { functionId, method: routeMethod, resourcePath, unsupported } = match.route;
  if (functionId === undefined) {
    return { http: gatewayReply(500, 'Internal server error', { fault: unsupported ?? 'no integration' }) };
  }
  const input = restEventInput(incomingRequest(request, body), match);
  if (match.route.auth !== undefined) {
    const refused = await guarded(match.route.auth, input, match.api, authorizers);
    if (refused !== undefined) return { http: refused };
  }
  const invocation = functions.invokeRest(functionId, input);
  const { requestId } = input;
  const event = (): unknown => restProxyEvent(input);
  // Only a function allowed to run longer than API Gateway waits needs the gateway's own deadline.
  const outcome =
    functions.timeoutMs(functionId) > apiTimeoutMs
      ? await withDeadline(invocation.outcome, apiTimeoutMs)
      : await invocation.outcome;
  const trigger = `${match.api.id === IMPLICIT_API ? '' : `${match.api.id} `}${routeMethod} ${resourcePath}`;
  if (outcome === undefined) {
    const fault = `the integration ran past API Gateway's ${apiTimeoutMs / 1000} s limit; the function goes on`;
    return {
      http: gatewayReply(504, 'Endpoint request timed out', { fault }),
      invoked: {
        requestId,
        logs: invocation.logs,
        record: { functionId, trigger, event, result: { message: 'still running' } },
      },
    };
  }
  return {
    http: replyFor(outcome),
    invoked: {
      requestId,
      logs: invocation.logs,
      record: { functionId, trigger, event, result: resultOf(outcome) },
    },
  };
}

/**
 * What API Gateway checks before the integration: the authorizer, then the API key. Undefined when
 * the request may go on, with `input` now carrying what the authorizer passed on and the key.
 */
async function guarded(
  auth: MethodAuth,
  input: RestEventInput,
  api: RestApi,
  authorizers: RestAuthorizers,
): Promise<HttpReply | undefined> {
  if (auth.authorizer !== undefined) {
    const decision = await authorizers.authorize(auth.authorizer, restProxyEvent(input));
    if (!decision.allowed) {
      const { refusal } = decision;
      return gatewayResponse(
        api,
        {
          type: refusal.type,
          statusCode: refusal.statusCode,
          message: refusal.message,
          errorType: ERROR_TYPES[refusal.type],
          ...(refusal.type === 'ACCESS_DENIED' ? { messageKey: 'Message' as const } : {}),
          ...('fault' in refusal ? { fault: refusal.fault } : {}),
        },
        input.requestId,
      );
    }
    input.authorizer = decision.authorizer;
  }
  if (auth.apiKeyRequired) {
    const value = findHeader(pairsToMaps(headerPairs(input.request.rawHeaders)).single, 'x-api-key');
    const id = value === undefined ? undefined : api.apiKeys.get(value);
    if (value === undefined || id === undefined) {
      const forbidden = {
        type: 'INVALID_API_KEY',
        statusCode: 403,
        message: 'Forbidden',
        errorType: 'ForbiddenException',
      };
      return gatewayResponse(api, forbidden, input.requestId);
    }
    input.apiKey = { value, id };
  }
  return undefined;
}

const ERROR_TYPES: Record<AuthRefusal['type'], string> = {
  UNAUTHORIZED: 'UnauthorizedException',
  EXPIRED_TOKEN: 'UnauthorizedException',
  ACCESS_DENIED: 'AccessDeniedException',
  AUTHORIZER_CONFIGURATION_ERROR: 'AuthorizerConfigurationException',
};

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      resolve(undefined);
    }, ms);
  });
  return Promise.race([promise, deadline]).finally(() => {
    clearTimeout(timer);
  });
}
