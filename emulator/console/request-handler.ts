import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { build } from 'esbuild';
import { EMULATOR_DIR } from '../shared/emulator-dir';
import { pathOf } from '../shared/url-path';
import type { ConsoleInfo } from './protocol';
import type { RecentInvocations } from './recent-invocations';

/** The console's reserved path: no API route may use it. */
export const CONSOLE_PATH = '/_console';

const PAGE_DIR = join(EMULATOR_DIR, 'console', 'page');

/** Answers a request when it is the console's, and says whether it was. */
type ConsoleRequestHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

/**
 * Serves the local console page and its API (recent invocations, and a server-sent event stream of
 * new ones). Returns false for any request outside CONSOLE_PATH. Local only: never part of a bundle.
 */
export async function consoleRequestHandler(
  recent: RecentInvocations,
  info: ConsoleInfo,
): Promise<ConsoleRequestHandler> {
  const built = await build({
    entryPoints: [join(PAGE_DIR, 'app.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const files: Record<string, { type: string; body: Buffer }> = {
    '/': { type: 'text/html; charset=utf-8', body: readFileSync(join(PAGE_DIR, 'index.html')) },
    '/styles.css': { type: 'text/css; charset=utf-8', body: readFileSync(join(PAGE_DIR, 'styles.css')) },
    '/app.js': {
      type: 'text/javascript; charset=utf-8',
      body: Buffer.from(built.outputFiles[0]?.contents ?? []),
    },
  };
  return (request, response) => {
    const path = pathOf(request.url);
    if (path !== CONSOLE_PATH && !path.startsWith(`${CONSOLE_PATH}/`)) return false;
    const rest = path.slice(CONSOLE_PATH.length);
    const file = files[rest];
    if (rest === '') {
      response.writeHead(301, { Location: `${CONSOLE_PATH}/` }).end();
    } else if (file !== undefined) {
      response.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-store' }).end(file.body);
    } else if (rest === '/api/info') {
      json(response, info);
    } else if (rest === '/api/invocations') {
      json(response, recent.list());
    } else if (rest.startsWith('/api/invocations/')) {
      const record = recent.get(rest.slice('/api/invocations/'.length));
      if (record === undefined) json(response, { message: 'no such invocation' }, 404);
      else json(response, record);
    } else if (rest === '/api/stream') {
      stream(request, response, recent);
    } else {
      json(response, { message: 'not found' }, 404);
    }
    return true;
  };
}

function json(response: ServerResponse, body: unknown, status = 200): void {
  response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

function stream(request: IncomingMessage, response: ServerResponse, recent: RecentInvocations): void {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  response.write(': connected\n\n');
  const unsubscribe = recent.subscribe((summary) => {
    response.write(`event: invocation\ndata: ${JSON.stringify(summary)}\n\n`);
  });
  request.on('close', unsubscribe);
}
