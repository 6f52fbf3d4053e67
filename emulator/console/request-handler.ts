import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { build } from 'esbuild';
import { hostRefusal, isAllowedHost } from '../gateway/host-check';
import { EMULATOR_DIR } from '../shared/emulator-dir';
import { pathOf } from '../shared/url-path';
import type { ConsoleInfo, OpenConnection } from './protocol';
import type { RecentInvocations } from './recent-invocations';
import { TypeStatus } from './type-status';

/** The console's reserved path: no API route may use it. */
export const CONSOLE_PATH = '/_console';

const PAGE_DIR = join(EMULATOR_DIR, 'console', 'page');

/** Answers a request when it is the console's, and says whether it was. */
type ConsoleRequestHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

/**
 * Serves the local console page and its API (recent invocations, and a server-sent event stream of
 * new ones). Returns false for any request outside CONSOLE_PATH. Local only: never part of a bundle.
 */
export function consoleRequestHandler(
  recent: RecentInvocations,
  info: () => ConsoleInfo,
  allowedHosts: readonly string[] = [],
  types: TypeStatus = new TypeStatus(),
  connections: () => OpenConnection[] = () => [],
): ConsoleRequestHandler {
  // Built while the server starts, not before it serves: only the page's script waits for it.
  const script = build({
    entryPoints: [join(PAGE_DIR, 'app.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  }).then((built) => Buffer.from(built.outputFiles[0]?.contents ?? []));
  script.catch(() => undefined);
  const files: Record<string, { type: string; body: Buffer | Promise<Buffer> }> = {
    '/': { type: 'text/html; charset=utf-8', body: readFileSync(join(PAGE_DIR, 'index.html')) },
    '/styles.css': { type: 'text/css; charset=utf-8', body: readFileSync(join(PAGE_DIR, 'styles.css')) },
    '/app.js': { type: 'text/javascript; charset=utf-8', body: script },
  };
  return (request, response) => {
    const path = pathOf(request.url);
    if (path !== CONSOLE_PATH && !path.startsWith(`${CONSOLE_PATH}/`)) return false;
    const rest = path.slice(CONSOLE_PATH.length);
    const refusal = refusalOf(request, allowedHosts);
    if (refusal !== undefined) {
      json(response, { message: refusal }, 403);
      return true;
    }
    try {
      answer(rest, request, response);
    } catch {
      // A record that cannot be shown ends this request only.
      if (response.headersSent) response.destroy();
      else json(response, { message: 'the console could not answer this request' }, 500);
    }
    return true;
  };

  function answer(rest: string, request: IncomingMessage, response: ServerResponse): void {
    const file = files[rest];
    if (rest === '') {
      response.writeHead(301, { Location: `${CONSOLE_PATH}/` }).end();
    } else if (file !== undefined) {
      void Promise.resolve(file.body).then(
        (body) => {
          response
            .writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-store', ...PRIVATE })
            .end(body);
        },
        () => {
          json(response, { message: 'the console page could not be built' }, 500);
        },
      );
    } else if (rest === '/api/info') {
      json(response, info());
    } else if (rest === '/api/connections') {
      json(response, connections());
    } else if (rest === '/api/invocations') {
      json(response, recent.list());
    } else if (rest.startsWith('/api/invocations/')) {
      const record = recent.get(rest.slice('/api/invocations/'.length));
      if (record === undefined) json(response, { message: 'no such invocation' }, 404);
      else json(response, record);
    } else if (rest === '/api/stream') {
      stream(request, response, recent, types);
    } else {
      json(response, { message: 'not found' }, 404);
    }
  }
}

/**
 * Why the console refuses a request, or undefined: it holds every header and body the functions
 * received, so it answers only this machine's browser. A Host that is not a local name may be a
 * DNS-rebinding page; a browser marks a cross-site request with `Sec-Fetch-Site`.
 */
function refusalOf(request: IncomingMessage, allowedHosts: readonly string[]): string | undefined {
  if (!isAllowedHost(request.headers.host, allowedHosts)) return hostRefusal(request.headers.host);
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site')
    return 'Forbidden: the console answers its own page only';
  return undefined;
}

/** What every console response says: its own origin only, never framed by another page. */
const PRIVATE = { 'Cross-Origin-Resource-Policy': 'same-origin', 'X-Frame-Options': 'DENY' };

function json(response: ServerResponse, body: unknown, status = 200): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', ...PRIVATE }).end(text);
}

/** A reader of the live stream that lets this much pile up unread is dropped. */
const MAX_UNREAD_STREAM_BYTES = 1024 * 1024;

function stream(
  request: IncomingMessage,
  response: ServerResponse,
  recent: RecentInvocations,
  types: TypeStatus,
): void {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    ...PRIVATE,
  });
  response.write(': connected\n\n');
  const send = (event: string, data: unknown): void => {
    if (response.writableLength > MAX_UNREAD_STREAM_BYTES) response.destroy();
    else response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const unsubscribe = [
    recent.subscribe((summary) => {
      send('invocation', summary);
    }),
    types.subscribe((diagnostics) => {
      send('types', diagnostics);
    }),
  ];
  request.on('close', () => {
    for (const stop of unsubscribe) stop();
  });
}
