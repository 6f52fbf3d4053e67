import type { IncomingMessage, RequestListener } from 'node:http';
import { pathOf } from '../shared/url-path';
import type { AccessLog, AccessLogValues } from './access-log';
import type { Handled } from './handled-request';
import { gatewayReply, NO_BODY, sendInternalFailure, sendReply, type HttpReply } from './http-reply';
import type { RequestRecord } from './invocation-record';
import type { InvocationReporter } from './invocation-report';
import { readBody } from './request-body';
import { overLimitReply } from './request-limits';
import { StageClock, stageMs } from './stage-clock';

/**
 * A gateway as the front door sees it: which requests are its own, and its answer to one, whose
 * stages it times on `clock` (the front door times the first and the last).
 */
export interface Gateway {
  owns(method: string, path: string): boolean;
  answer(request: IncomingMessage, path: string, body: Buffer, clock: StageClock): Promise<Handled> | Handled;
}

/** What a request's record keeps of its body: enough to read and repeat, never megabytes per row. */
export const MAX_RECORDED_BODY_BYTES = 64 * 1024;

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
    const clock = new StageClock();
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
      clock.step('Front door');
      answerOf(gateways, last, request, body, clock)
        .then(async (handled) => {
          if (handled.stream === undefined) sendReply(response, handled.http, method === 'HEAD');
          else handled.http = await handled.stream(response);
          clock.step('Method completed');
          report(reporter, request, body, handled, clock);
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
  clock: StageClock,
): Promise<Handled> {
  if (body === undefined) return { http: gatewayReply(413, 'Request Too Long') };
  const method = request.method ?? 'GET';
  const path = pathOf(request.url);
  const owner = gateways.find((gateway) => gateway.owns(method, path)) ?? last;
  return owner.answer(request, path, body, clock);
}

/** The access line, and what the console hears of the request (and of its invocation, if any). */
function report(
  reporter: InvocationReporter,
  request: IncomingMessage,
  body: Buffer | undefined,
  handled: Handled,
  clock: StageClock,
): void {
  const { http, invoked, note } = handled;
  const ms = clock.elapsedMs();
  const id = invoked === undefined ? '' : ` ${invoked.requestId}`;
  const noted = note === undefined ? '' : `  (${note})`;
  const line = `${request.method ?? ''} ${request.url ?? ''} ${http.statusCode} ${ms.toFixed(0)} ms${id}${noted}`;
  // Field by field, not by spreading: see Handled.
  const record = invoked?.record;
  reporter.report(line, http.fault, {
    functionId: record?.functionId,
    trigger: record?.trigger ?? `${request.method ?? ''} ${pathOf(request.url)}`,
    event: record?.event ?? noEvent,
    result: record?.result ?? null,
    status: http.statusCode,
    durationMs: Math.round(ms),
    logs: invoked?.logs ?? [],
    authorization: record?.authorization,
    steps: clock.steps,
    request: requestRecord(request, body),
    response: { headers: http.headers, bytes: http.body.length },
    accessLog: withReply(clock, http, ms, request.httpVersion),
  });
}

/** The gateway's access log values, with what only the front door knows: the reply and its time. */
function withReply(
  clock: StageClock,
  http: HttpReply,
  ms: number,
  httpVersion: string,
): AccessLog | undefined {
  if (clock.accessLog === undefined) return undefined;
  const { format, values } = clock.accessLog;
  const { steps } = clock;
  return {
    format,
    values: () => {
      const integrationLatency = stageMs(steps, 'Integrate');
      return {
        ...values(),
        status: http.statusCode,
        responseLength: http.body.length,
        responseLatency: Math.round(ms),
        protocol: `HTTP/${httpVersion}`,
        'integration.latency': integrationLatency,
        integrationLatency,
        ...gatewayError(http),
      };
    },
  };
}

/** `$context.error.message` of an answer API Gateway made itself (it names its error type); else none. */
function gatewayError(http: HttpReply): AccessLogValues {
  // No error of its own: API Gateway writes the `-` of a value it does not have.
  if (!http.headers.some(([name]) => name.toLowerCase() === 'x-amzn-errortype'))
    return { 'error.message': '-', 'error.messageString': '-' };
  try {
    const { message } = JSON.parse(http.body.toString('utf8')) as { message?: unknown };
    return typeof message === 'string'
      ? { 'error.message': message, 'error.messageString': JSON.stringify(message) }
      : {};
  } catch {
    return {};
  }
}

const noEvent = (): null => null;

function requestRecord(request: IncomingMessage, body: Buffer | undefined): RequestRecord {
  const whole = body ?? NO_BODY;
  const truncated = whole.length > MAX_RECORDED_BODY_BYTES;
  return {
    method: request.method ?? 'GET',
    url: request.url ?? '/',
    rawHeaders: request.rawHeaders,
    // A copy only of a long body, so that the record does not hold megabytes.
    body: truncated ? Buffer.from(whole.subarray(0, MAX_RECORDED_BODY_BYTES)) : whole,
    truncated,
    bytes: whole.length,
  };
}
