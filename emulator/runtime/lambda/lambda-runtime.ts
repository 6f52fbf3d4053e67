// Runs inside one worker thread: one Lambda instance. It loads the function's bundle once (warm state
// lives across invocations), runs one invocation at a time, and speaks JSON text with the parent, as
// the Lambda runtime API does. Built on its own by esbuild, so a worker never loads TypeScript tooling.
import { format } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';
import type { Context } from 'aws-lambda';
import { restProxyEvent } from '../../rest/proxy-event';
import type { FunctionError } from '../invocation';
import { claimToStart } from '../instances/claims';
import { LogSpillWriter } from '../instances/log-spill';
import type { FromInstance, InstanceData, ToInstance } from '../instances/protocol';
import { createLambdaContext } from './lambda-context';
import { LogBudget } from './log-budget';

/** Lambda's limit on a synchronous invocation's response. */
const MAX_RESPONSE_BYTES = 6_291_556;

type Handler = (event: unknown, context: Context) => unknown;

const data = workerData as InstanceData;
const claims = new Int32Array(data.claims);
const port = parentPort;
if (port === null) throw new Error('lambda-runtime runs only as a worker thread');
const spill = new LogSpillWriter(data.logSpill);
// Sent together once this turn of the event loop is done, one wake-up of the emulator for a burst;
// a long burst goes in slices, so the emulator answers its first requests while the rest still run.
const SLICE = 16;
let outbox: FromInstance[] = [];
const flush = (): void => {
  if (outbox.length === 0) return;
  const messages = outbox;
  outbox = [];
  port.postMessage(messages);
};
const send = (message: FromInstance): void => {
  const queued = outbox.push(message);
  if (queued === 1) setImmediate(flush);
  else if (queued >= SLICE) flush();
};
process.setSourceMapsEnabled(true);

let requestId = '';
let seq = -1;
const logBudget = new LogBudget();
const LEVELS = {
  log: 'INFO',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  debug: 'DEBUG',
  trace: 'TRACE',
} as const;
for (const [method, level] of Object.entries(LEVELS)) {
  // Lambda's Node.js runtime formats console output the same way, as JSON or as tab-separated text.
  console[method as keyof typeof LEVELS] = (...args: unknown[]): void => {
    const timestamp = new Date().toISOString();
    const message: unknown = args.length === 1 && typeof args[0] === 'object' ? args[0] : format(...args);
    const line =
      data.logFormat === 'JSON'
        ? JSON.stringify({ timestamp, level, requestId, message })
        : `${timestamp}\t${requestId}\t${level}\t${typeof message === 'string' ? message : format(message)}`;
    const kept = logBudget.admit(line);
    if (kept === undefined) return;
    spill.write(kept);
    send({ type: 'log', seq, line: kept });
  };
}

/** Says what the budget cut, as the invocation's last log line. */
function closeLog(): void {
  const summary = logBudget.summary();
  if (summary !== undefined) send({ type: 'log', seq, line: summary });
}

function loadHandler(): Handler | Error {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle is CommonJS, as SAM builds it
    const module = require(data.bundlePath) as Record<string, unknown>;
    const handler = module[data.handlerExport];
    if (typeof handler !== 'function') {
      return new Error(`${data.bundleName} has no exported function "${data.handlerExport}"`);
    }
    return handler as Handler;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

const handler = loadHandler();
send(handler instanceof Error ? { type: 'init-error', error: describe(handler) } : { type: 'ready' });

// Invocations may queue here behind a running one; they run one at a time, in order.
const queue: ToInstance[] = [];
let draining = false;
port.on('message', (messages: ToInstance[]) => {
  queue.push(...messages);
  if (!draining) void drain();
});

async function drain(): Promise<void> {
  draining = true;
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    // The emulator may have taken a queued invocation back to run it elsewhere.
    if (claimToStart(claims, next.seq)) await invoke(next);
  }
  draining = false;
}

async function invoke(message: ToInstance): Promise<void> {
  const { awsRequestId, remainingMs } = message;
  requestId = awsRequestId;
  seq = message.seq;
  spill.begin(seq);
  logBudget.reset();
  const started = performance.now();
  const durationMs = (): number => performance.now() - started;
  if (handler instanceof Error) {
    send({ type: 'error', seq, error: describe(handler), durationMs: durationMs() });
    return;
  }
  const context = createLambdaContext({
    functionName: data.functionName,
    memorySizeMb: data.memorySizeMb,
    timeoutMs: remainingMs,
    awsRequestId,
  });
  try {
    const event: unknown =
      'rest' in message.event
        ? restProxyEvent(message.event.rest)
        : (JSON.parse(message.event.json) as unknown);
    const result = await handler(event, context);
    // The runtime serialises the result as JSON: undefined becomes null, functions vanish.
    const resultJson = (JSON.stringify(result) as string | undefined) ?? 'null';
    closeLog();
    const tooLarge = oversizeError(resultJson);
    if (tooLarge === undefined) send({ type: 'result', seq, resultJson, durationMs: durationMs() });
    else send({ type: 'error', seq, error: tooLarge, durationMs: durationMs() });
  } catch (error) {
    closeLog();
    send({ type: 'error', seq, error: describe(error), durationMs: durationMs() });
  }
}

/** Lambda's error for a response over its 6 MB payload limit, or undefined. */
function oversizeError(resultJson: string): FunctionError | undefined {
  // A UTF-16 unit is at most 3 bytes of UTF-8: most results are measured without encoding them.
  if (resultJson.length * 3 <= MAX_RESPONSE_BYTES) return undefined;
  const bytes = Buffer.byteLength(resultJson);
  if (bytes <= MAX_RESPONSE_BYTES) return undefined;
  return {
    errorType: 'Function.ResponseSizeTooLarge',
    errorMessage: `Response payload size (${bytes} bytes) exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
    stack: '',
  };
}

function describe(error: unknown): FunctionError {
  if (error instanceof Error) {
    return { errorType: error.name, errorMessage: error.message, stack: error.stack ?? '' };
  }
  return { errorType: 'Error', errorMessage: format(error), stack: '' };
}
