import type { IncomingMessage, RequestListener } from 'node:http';
import type { NewRecord } from '../console/recent-invocations';
import { gatewayReply, sendInternalFailure, sendReply, type HttpReply } from '../gateway/http-reply';
import { incomingRequest } from '../gateway/incoming-request';
import { resultOf, type InvocationReporter } from '../gateway/invocation-report';
import { readBody } from '../gateway/request-body';
import { overLimitReply } from '../gateway/request-limits';
import type { RunningFunctions } from '../runtime/running-functions';
import { pathOf } from '../shared/url-path';
import { IMPLICIT_API, type RestApi } from '../template/rest-api-model';
import { preflight } from './cors-preflight';
import { restEventInput, restProxyEvent } from './proxy-event';
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
  const apiTimeoutMs = options.apiTimeoutMs ?? API_GATEWAY_TIMEOUT_MS;
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
      handle(request, body, apis, functions, apiTimeoutMs, options.otherRequests)
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

async function handle(
  request: IncomingMessage,
  body: Buffer | undefined,
  apis: RestApi[],
  functions: RunningFunctions,
  apiTimeoutMs: number,
  otherRequests: RestOptions['otherRequests'],
): Promise<Handled> {
  if (body === undefined) return { http: gatewayReply(413, 'Request Too Long') };
  const method = request.method ?? 'GET';
  const path = pathOf(request.url);
  const other = otherRequests?.(request, path, body);
  if (other !== undefined) return { http: other };
  if (method === 'OPTIONS') {
    const cors = matchApiRoute(apis, undefined, path)?.api.cors;
    if (cors !== undefined) return { http: preflight(cors) };
  }
  const match = matchApiRoute(apis, method, path);
  if (match === undefined) return { http: gatewayReply(403, 'Missing Authentication Token') };
  const { functionId, method: routeMethod, resourcePath, unsupported } = match.route;
  if (functionId === undefined) {
    return { http: gatewayReply(500, 'Internal server error', { fault: unsupported ?? 'no integration' }) };
  }
  const input = restEventInput(incomingRequest(request, body), match);
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
