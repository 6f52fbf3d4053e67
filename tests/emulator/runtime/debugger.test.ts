import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { runCli } from '../../support/cli';
import { eventually, PROJECT_TEMPLATE } from '../../support/local-api';

jest.setTimeout(30_000);

/** A Chrome DevTools Protocol session on the emulator's inspector, reaching into worker threads. */
class Inspector {
  private nextId = 1;
  readonly events: { method: string; params: Record<string, unknown>; sessionId?: string }[] = [];
  private readonly replies = new Map<number, (result: unknown) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as {
        id?: number;
        result?: unknown;
        method?: string;
        params?: Record<string, unknown>;
      };
      if (message.id !== undefined) this.replies.get(message.id)?.(message.result);
      else if (message.method === 'NodeWorker.receivedMessageFromWorker') {
        const inner = JSON.parse(String(message.params?.message)) as {
          id?: number;
          result?: unknown;
          method?: string;
          params?: Record<string, unknown>;
        };
        const sessionId = String(message.params?.sessionId);
        if (inner.id !== undefined) this.replies.get(inner.id)?.(inner.result);
        else if (inner.method !== undefined)
          this.events.push({ method: inner.method, params: inner.params ?? {}, sessionId });
      } else if (message.method !== undefined)
        this.events.push({ method: message.method, params: message.params ?? {} });
    });
  }

  static async connect(url: string): Promise<Inspector> {
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return new Inspector(socket);
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<unknown> {
    const id = this.nextId++;
    const reply = new Promise<unknown>((resolve) => this.replies.set(id, resolve));
    const message = JSON.stringify({ id, method, params });
    this.socket.send(
      sessionId === undefined
        ? message
        : JSON.stringify({
            id: this.nextId++,
            method: 'NodeWorker.sendMessageToWorker',
            params: { sessionId, message },
          }),
    );
    return reply;
  }

  close(): void {
    this.socket.close();
  }
}

/** The session of the worker thread running a function. */
async function workerOf(inspector: Inspector, functionName: string): Promise<string> {
  await inspector.send('NodeWorker.enable', { waitForDebuggerOnStart: false });
  await eventually(
    () => inspector.events.filter((event) => event.method === 'NodeWorker.attachedToWorker').length >= 2,
  );
  for (const event of inspector.events.filter(
    (candidate) => candidate.method === 'NodeWorker.attachedToWorker',
  )) {
    const sessionId = String(event.params.sessionId);
    const result = (await inspector.send(
      'Runtime.evaluate',
      { expression: 'process.env.AWS_LAMBDA_FUNCTION_NAME' },
      sessionId,
    )) as {
      result: { value?: string };
    };
    if (result.result.value === functionName) return sessionId;
  }
  throw new Error(`no worker runs ${functionName}`);
}

// The server runs in a process of its own, as `npm start` does: whatever the inspector does to it
// when it stops cannot touch the test runner.
describe('npm start -- --debug-port', () => {
  it("opens the inspector: each function's thread is debugged against its .ts sources, with no timeout while paused", async () => {
    const run = await runCli('start-api', ['--port', '0', '--debug-port', '0'], {
      killWhen: /Ctrl-C stops/,
      onReady: async (url, stdout) => {
        const inspector = await Inspector.connect(
          /ws:\/\/127\.0\.0\.1:\d+\/[0-9a-f-]+/.exec(stdout)?.[0] ?? '',
        );
        try {
          const session = await workerOf(inspector, 'HelloWorldFunction');
          await inspector.send('Debugger.enable', {}, session);
          await eventually(() =>
            inspector.events.some(
              (event) =>
                event.method === 'Debugger.scriptParsed' && String(event.params.url).endsWith('/app.js'),
            ),
          );
          const script = inspector.events.find(
            (event) =>
              event.method === 'Debugger.scriptParsed' && String(event.params.url).endsWith('/app.js'),
          );
          // What VS Code and Chrome read to put a breakpoint set in hello-world/app.ts on the bundle.
          const bundle = fileURLToPath(String(script?.params.url));
          const map = JSON.parse(readFileSync(`${bundle}.map`, 'utf8')) as { sources: string[] };
          const appTs = map.sources
            .map((source) => resolve(dirname(bundle), source))
            .find((source) => source.endsWith('hello-world/app.ts'));
          // Paused past the function's 3 s Timeout: without the suspension the instance would be ended (502).
          await inspector.send('Debugger.pause', {}, session);
          const answer = fetch(`${url}/helloworld`);
          await eventually(() =>
            inspector.events.some(
              (event) => event.method === 'Debugger.paused' && event.sessionId === session,
            ),
          );
          await new Promise((resolveWait) => setTimeout(resolveWait, 3500));
          await inspector.send('Debugger.resume', {}, session);
          const status = (await answer).status;
          return JSON.stringify({
            sourceMapURL: script?.params.sourceMapURL,
            appTs,
            exists: existsSync(appTs ?? ''),
            status,
          });
        } finally {
          inspector.close();
        }
      },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      / {2}Debug {3}ws:\/\/127\.0\.0\.1:\d+\/[0-9a-f-]+ {2}\(attach VS Code or chrome:\/\/inspect/,
    );
    expect(JSON.parse(run.ready ?? '{}')).toEqual({
      sourceMapURL: 'app.js.map',
      appTs: resolve(PROJECT_TEMPLATE, '..', 'hello-world', 'app.ts'),
      exists: true,
      status: 200,
    });
  });
});
