import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { ConsoleInfo } from './console-protocol';
import type { Inspector } from './inspector';
import { LOCAL_SOURCE_DIR } from './source-dir';

/** The console's reserved path: no API route may use it. */
export const CONSOLE_PATH = '/_console';

const CONSOLE_DIR = join(LOCAL_SOURCE_DIR, '..', 'console');

type ConsoleHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

/**
 * Serves the local console page and its API (recent invocations, and a server-sent event stream of
 * new ones). Returns false for any request outside CONSOLE_PATH. Local only: never part of a bundle.
 */
export async function consoleHandler(inspector: Inspector, info: ConsoleInfo): Promise<ConsoleHandler> {
  const built = await build({
    entryPoints: [join(CONSOLE_DIR, 'app.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const files: Record<string, { type: string; body: Buffer }> = {
    '/': { type: 'text/html; charset=utf-8', body: readFileSync(join(CONSOLE_DIR, 'index.html')) },
    '/styles.css': { type: 'text/css; charset=utf-8', body: readFileSync(join(CONSOLE_DIR, 'styles.css')) },
    '/app.js': {
      type: 'text/javascript; charset=utf-8',
      body: Buffer.from(built.outputFiles[0]?.contents ?? []),
    },
  };
  return (request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
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
      json(response, inspector.list());
    } else if (rest.startsWith('/api/invocations/')) {
      const record = inspector.get(rest.slice('/api/invocations/'.length));
      if (record === undefined) json(response, { message: 'no such invocation' }, 404);
      else json(response, record);
    } else if (rest === '/api/stream') {
      stream(request, response, inspector);
    } else {
      json(response, { message: 'not found' }, 404);
    }
    return true;
  };
}

function json(response: ServerResponse, body: unknown, status = 200): void {
  response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

function stream(request: IncomingMessage, response: ServerResponse, inspector: Inspector): void {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  response.write(': connected\n\n');
  const unsubscribe = inspector.subscribe((summary) => {
    response.write(`event: invocation\ndata: ${JSON.stringify(summary)}\n\n`);
  });
  request.on('close', unsubscribe);
}
