import type { IncomingMessage, RequestListener } from 'node:http';
import { pathOf } from '../shared/url-path';
import type { Handled } from './handled-request';
import { gatewayReply, sendInternalFailure, sendReply } from './http-reply';
import type { InvocationReporter } from './invocation-report';
import { readBody } from './request-body';
import { overLimitReply } from './request-limits';

/** A gateway as the front door sees it: which requests are its own, and its answer to one. */
export interface Gateway {
  owns(method: string, path: string): boolean;
  answer(request: IncomingMessage, path: string, body: Buffer): Promise<Handled> | Handled;
}

/**
 * The one way into every HTTP API of the port: the service's limits and the body first, then the
 * first gateway that owns the request answers it (the last answers whatever no gateway owns, as the
 * endpoint of an API answers an unknown path), then the reply and its access line. Whatever fails
 * below, the client gets an answer and the server goes on.
 */
export function frontDoor(gateways: readonly Gateway[], reporter: InvocationReporter): RequestListener {
  const last = gateways.at(-1);
  if (last === undefined) throw new Error('a front door needs a gateway');
  return (request, response) => {
    const started = performance.now();
    const method = request.method ?? 'GET';
    const overLimit = overLimitReply(request);
    if (overLimit !== undefined) {
      request.resume();
      sendReply(response, overLimit, method === 'HEAD');
      reporter.report(
        `${method} ${(request.url ?? '').slice(0, 200)} ${overLimit.statusCode}`,
        undefined,
        undefined,
      );
      return;
    }
    readBody(request, (body) => {
      answerOf(gateways, last, request, body)
        .then(async (handled) => {
          if (handled.stream === undefined) sendReply(response, handled.http, method === 'HEAD');
          else handled.http = await handled.stream(response);
          report(reporter, request, handled, performance.now() - started);
        })
        .catch((error: unknown) => {
          sendInternalFailure(response);
          reporter.reportFailure(`${method} ${request.url ?? ''} 500 the emulator failed`, error);
        });
    });
  };
}

async function answerOf(
  gateways: readonly Gateway[],
  last: Gateway,
  request: IncomingMessage,
  body: Buffer | undefined,
): Promise<Handled> {
  if (body === undefined) return { http: gatewayReply(413, 'Request Too Long') };
  const method = request.method ?? 'GET';
  const path = pathOf(request.url);
  const owner = gateways.find((gateway) => gateway.owns(method, path)) ?? last;
  return owner.answer(request, path, body);
}

/** The access line, and for an invocation what the console hears of it. */
function report(reporter: InvocationReporter, request: IncomingMessage, handled: Handled, ms: number): void {
  const { http, invoked, note } = handled;
  const id = invoked === undefined ? '' : ` ${invoked.requestId}`;
  const noted = note === undefined ? '' : `  (${note})`;
  const line = `${request.method ?? ''} ${request.url ?? ''} ${http.statusCode} ${ms.toFixed(0)} ms${id}${noted}`;
  if (invoked === undefined) {
    reporter.report(line, http.fault, undefined);
    return;
  }
  // Field by field, not by spreading: see Handled.
  const { functionId, trigger, event, result, authorization, steps } = invoked.record;
  reporter.report(line, http.fault, {
    functionId,
    trigger,
    event,
    result,
    status: http.statusCode,
    durationMs: Math.round(ms),
    logs: invoked.logs,
    authorization,
    steps,
  });
}
