import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { restEventInput, restProxyEvent, type IncomingRequest } from './event';
import type { LocalFunctions } from './local-functions';
import { matchRoute, type RestApi } from './routes';
import { gatewayReply, replyFor, type HttpReply } from './result';
import { resultOf, type Inspector, type NewRecord } from './inspector';

export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
export const API_GATEWAY_TIMEOUT_MS = 29_000;

export interface RestOptions {
  /** API Gateway's integration timeout; lowered only by tests. */
  apiTimeoutMs?: number;
  log: (line: string) => void;
  /** Requests the REST API does not own (the WebSocket API's @connections), or undefined. */
  otherRequests?: (method: string, path: string, body: Buffer) => HttpReply | undefined;
  inspector?: Inspector;
}

/** The HTTP front: API Gateway's routing, limits and gateway responses in front of the functions. */
export function restRequestListener(
  api: RestApi,
  functions: LocalFunctions,
  options: RestOptions,
): RequestListener {
  const apiTimeoutMs = options.apiTimeoutMs ?? API_GATEWAY_TIMEOUT_MS;
  return (request, response) => {
    const started = performance.now();
    readBody(request, (body) => {
      void handle(request, body, api, functions, apiTimeoutMs, options.otherRequests).then(
        ({ http, invoked }) => {
          send(response, http, request.method === 'HEAD');
          const ms = performance.now() - started;
          const id = invoked === undefined ? '' : ` ${invoked.requestId}`;
          options.log(
            `${request.method ?? ''} ${request.url ?? ''} ${http.statusCode} ${ms.toFixed(0)} ms${id}`,
          );
          for (const line of invoked?.logs ?? []) options.log(`  ${line}`);
          if (http.fault !== undefined) options.log(indent(http.fault));
          if (invoked !== undefined) {
            const { functionId, trigger, event, result } = invoked.record;
            const durationMs = Math.round(ms);
            options.inspector?.record({
              functionId,
              trigger,
              event,
              result,
              status: http.statusCode,
              durationMs,
              logs: invoked.logs,
            });
          }
        },
      );
    });
  };
}

export async function listen(server: Server, port: number, host: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export function serverUrl(server: Server): string {
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/**
 * What the front answers, and for a request that invoked a function, what the terminal and the
 * console are told of it. Built from fresh literals, never by spreading one object into another:
 * under load, with spread copies here and in the inspector, 1.3 KB per request reached V8's old
 * generation and the HTTP thread paused for GC three times as long; without them, 0.06 KB.
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
  api: RestApi,
  functions: LocalFunctions,
  apiTimeoutMs: number,
  otherRequests: RestOptions['otherRequests'],
): Promise<Handled> {
  if (body === undefined) return { http: gatewayReply(413, 'Request Too Long') };
  const method = request.method ?? 'GET';
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  const other = otherRequests?.(method, path, body);
  if (other !== undefined) return { http: other };
  if (method === 'OPTIONS' && api.cors !== undefined && matchRoute(api, undefined, path) !== undefined) {
    return { http: preflight(api.cors) };
  }
  const match = matchRoute(api, method, path);
  if (match === undefined) return { http: gatewayReply(403, 'Missing Authentication Token') };
  const input = restEventInput(incoming(request, body), match, api);
  const invocation = functions.invokeRest(match.route.functionId, input);
  const { requestId } = input;
  const event = (): unknown => restProxyEvent(input);
  // Only a function allowed to run longer than API Gateway waits needs the gateway's own deadline.
  const outcome =
    functions.timeoutMs(match.route.functionId) > apiTimeoutMs
      ? await withDeadline(invocation.outcome, apiTimeoutMs)
      : await invocation.outcome;
  const { functionId, method: routeMethod, resourcePath } = match.route;
  const trigger = `${routeMethod} ${resourcePath}`;
  if (outcome === undefined) {
    const fault = `the integration ran past API Gateway's ${apiTimeoutMs / 1000} s limit; the function goes on`;
    return {
      http: gatewayReply(504, 'Endpoint request timed out', fault),
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

function preflight(cors: NonNullable<RestApi['cors']>): HttpReply {
  const headers: [string, string][] = [
    ['Content-Type', 'application/json'],
    ['Access-Control-Allow-Origin', cors.allowOrigin],
  ];
  if (cors.allowMethods !== '') headers.push(['Access-Control-Allow-Methods', cors.allowMethods]);
  if (cors.allowHeaders !== undefined) headers.push(['Access-Control-Allow-Headers', cors.allowHeaders]);
  if (cors.maxAge !== undefined) headers.push(['Access-Control-Max-Age', cors.maxAge]);
  if (cors.allowCredentials === true) headers.push(['Access-Control-Allow-Credentials', 'true']);
  return { statusCode: 200, headers, body: Buffer.from('{}') };
}

function incoming(request: IncomingMessage, body: Buffer): IncomingRequest {
  return {
    method: request.method ?? 'GET',
    url: request.url ?? '/',
    rawHeaders: request.rawHeaders,
    body: bodyToSend(body),
    sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
    protocol: `HTTP/${request.httpVersion}`,
    host: request.headers.host ?? 'localhost',
  };
}

/** The body as the instance gets it: none when empty, and a small one out of Node's shared 8 KB pool, which a message would copy whole. */
function bodyToSend(body: Buffer): Uint8Array | null {
  if (body.byteLength === 0) return null;
  return body.byteLength === body.buffer.byteLength ? body : new Uint8Array(body);
}

const NO_BODY = Buffer.alloc(0);

/** Calls back with the request body, or undefined when it is over API Gateway's 10 MB limit. */
function readBody(request: IncomingMessage, then: (body: Buffer | undefined) => void): void {
  const { 'content-length': length, 'transfer-encoding': encoding } = request.headers;
  // Without either header an HTTP/1.1 request has no body: no need to wait for one.
  if (length === undefined && encoding === undefined) {
    then(NO_BODY);
    return;
  }
  if (Number(length ?? 0) > MAX_REQUEST_BYTES) {
    request.resume();
    then(undefined);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const onEnd = (): void => {
    then(Buffer.concat(chunks));
  };
  const onData = (chunk: Buffer): void => {
    size += chunk.length;
    chunks.push(chunk);
    if (size <= MAX_REQUEST_BYTES) return;
    // Answer at once; the rest of the body is read and dropped.
    request.off('data', onData).off('end', onEnd).resume();
    then(undefined);
  };
  request.on('data', onData).on('end', onEnd);
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

/** Sends the reply; for a HEAD request, without its body. */
function send(response: ServerResponse, reply: HttpReply, headOnly: boolean): void {
  const body = headOnly ? NO_BODY : reply.body;
  const headers: string[] = [];
  for (const [name, value] of reply.headers) headers.push(name, value);
  headers.push('Content-Length', String(body.length));
  response.writeHead(reply.statusCode, headers);
  response.end(body);
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
