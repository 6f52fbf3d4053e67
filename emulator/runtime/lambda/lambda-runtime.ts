// Runs inside one worker thread: one Lambda instance. It loads the function's handler once (warm state
// lives across invocations), runs one invocation at a time as the function's Node.js runtime does, and
// speaks JSON text with the parent, as the Lambda runtime API does. Built on its own by esbuild, so a
// worker never loads TypeScript tooling.
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { parentPort } from 'node:worker_threads';
import { proxyEventV1 } from '../../formats/proxy-v1-event';
import { claimToStart } from '../instances/claims';
import { LogSpillWriter } from '../instances/log-spill';
import type { FromInstance, InitInstance, InstanceData, ToInstance } from '../instances/protocol';
import type { FunctionError, InvocationMetrics } from '../invocation';
import { callHandler, callStreamingHandler, NonErrorFailure } from './handler-call';
import { installAwsLambdaGlobal, isStreamingHandler } from './response-streaming';
import { loadHandler, missingSdkHint, type Handler } from './handler-loader';
import { LogBudget } from './log-budget';
import { captureOutput } from './output-capture';
import { RuntimeError } from './runtime-errors';
import { newTraceId } from './trace-id';
import { sendAwsRequestsTo } from './no-aws-requests';
import { containProcessSignals } from './process-signals';
import { useTaskRootAsWorkingDirectory } from './working-directory';

/** Lambda's limit on a synchronous invocation's response. */
const MAX_RESPONSE_BYTES = 6_291_556;
/** The last runtime with callback handlers and context.done/succeed/fail. */
const LAST_CALLBACK_RUNTIME = 22;

const port = parentPort;
if (port === null) throw new Error('lambda-runtime runs only as a worker thread');
// The thread may start before its function is known (a spare): everything of the function comes
// with the first message, before any invocation.
let data: InstanceData;
let legacy = false;
let claims: Int32Array;
let spill: LogSpillWriter;
let given: (init: InitInstance) => void = () => undefined;
const functionGiven = new Promise<InitInstance>((resolve) => {
  given = resolve;
});
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
containProcessSignals();

let requestId = '';
let seq = -1;
const logBudget = new LogBudget();
const emit = (line: string): void => {
  const kept = logBudget.admit(line);
  if (kept === undefined) return;
  spill.write(kept);
  send({ type: 'log', seq, line: kept });
};
const LEVELS = {
  log: 'INFO',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  debug: 'DEBUG',
  trace: 'TRACE',
} as const;
/** Least detail last: AWS_LAMBDA_LOG_LEVEL keeps its level and those after it. */
const LEVEL_ORDER = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
/** With the JSON format, the console methods below AWS_LAMBDA_LOG_LEVEL print nothing, as in Lambda's runtime. */
let lowestLevel = 0;
for (const [method, level] of Object.entries(LEVELS)) {
  // Lambda's Node.js runtime formats console output the same way, as JSON or as tab-separated text.
  console[method as keyof typeof LEVELS] = (...args: unknown[]): void => {
    if (LEVEL_ORDER.indexOf(level) < lowestLevel) return;
    const timestamp = new Date().toISOString();
    const message: unknown = args.length === 1 && typeof args[0] === 'object' ? args[0] : format(...args);
    emit(
      data.logFormat === 'JSON'
        ? JSON.stringify({ timestamp, level, requestId, message })
        : `${timestamp}\t${requestId}\t${level}\t${typeof message === 'string' ? message : format(message)}`,
    );
  };
}
captureOutput(process.stdout, emit);
captureOutput(process.stderr, emit);

/** Says what the budget cut, as the invocation's last log line. */
function closeLog(): void {
  const summary = logBudget.summary();
  if (summary !== undefined) send({ type: 'log', seq, line: summary });
}

function takeFunction(init: InitInstance): void {
  data = init.data;
  legacy = data.nodeMajor <= LAST_CALLBACK_RUNTIME;
  claims = new Int32Array(data.claims);
  spill = new LogSpillWriter(data.logSpill);
  for (const [name, value] of Object.entries(init.environment)) {
    // TZ is set when the thread starts: assigning it would change the whole process's time zone.
    if (name !== 'TZ') process.env[name] = value;
  }
  const logLevel = data.logFormat === 'JSON' ? process.env.AWS_LAMBDA_LOG_LEVEL?.toUpperCase() : undefined;
  lowestLevel = Math.max(0, LEVEL_ORDER.indexOf(logLevel ?? 'TRACE'));
  // Stack traces follow source maps only with the flag, as Node.js in Lambda does (sam build adds it
  // to NODE_OPTIONS when BuildProperties has Sourcemap: true).
  process.setSourceMapsEnabled(
    (process.env.NODE_OPTIONS ?? '').split(/\s+/).includes('--enable-source-maps'),
  );
  // CommonJS reads NODE_PATH (the layers, the runtime's SDK) when a thread starts: read it again.
  (Module as { _initPaths?: () => void })._initPaths?.();
}

let hooksRegistered = false;
async function init(): Promise<Handler> {
  useTaskRootAsWorkingDirectory(data.taskRoot);
  if (data.noAwsEndpoint !== undefined) sendAwsRequestsTo(data.noAwsEndpoint);
  installAwsLambdaGlobal();
  const handler = await loadHandler({
    taskRoot: data.taskRoot,
    handler: data.handler,
    beforeImport: () => {
      if (hooksRegistered || data.moduleFallbackDirs.length === 0) return;
      hooksRegistered = true;
      register(pathToFileURL(data.fallbackHooksPath), { data: { dirs: data.moduleFallbackDirs } });
    },
  });
  if (!legacy && handler.length >= 3) {
    throw new RuntimeError(
      'CallbackHandlerDeprecated',
      `ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. ${data.handler} takes ${handler.length} parameters: make it an async (event, context) handler, or use nodejs22.x.`,
    );
  }
  return handler;
}

const loaded: Promise<Handler | FunctionError> = functionGiven
  .then(takeFunction)
  .then(init)
  .then(
    (handler) => {
      send({ type: 'ready' });
      return handler;
    },
    (error: unknown) => {
      const fault = describe(error);
      send({ type: 'init-error', error: fault });
      return fault;
    },
  );

// Invocations may queue here behind a running one; they run one at a time, in order.
const queue: ToInstance[] = [];
let draining = false;
port.on('message', (messages: ToInstance[] | InitInstance) => {
  if (!Array.isArray(messages)) {
    given(messages);
    return;
  }
  queue.push(...messages);
  if (!draining) void drain();
});

async function drain(): Promise<void> {
  draining = true;
  const handler = await loaded;
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    // The emulator may have taken a queued invocation back to run it elsewhere.
    if (claimToStart(claims, next.seq)) await invoke(next, handler);
  }
  draining = false;
}

async function invoke(message: ToInstance, handler: Handler | FunctionError): Promise<void> {
  const { awsRequestId, remainingMs } = message;
  requestId = awsRequestId;
  seq = message.seq;
  spill.begin(seq);
  logBudget.reset();
  process.env._X_AMZN_TRACE_ID = newTraceId(data.tracing);
  const started = performance.now();
  const metrics = (): InvocationMetrics => ({
    durationMs: performance.now() - started,
    memoryUsedMb: memoryUsedMb(),
  });
  if (typeof handler !== 'function') {
    send({ type: 'error', seq, error: handler, ...metrics() });
    return;
  }
  try {
    const event: unknown =
      'proxyV1' in message.event
        ? proxyEventV1(message.event.proxyV1)
        : (JSON.parse(message.event.json) as unknown);
    const contextOptions = {
      functionName: data.functionName,
      memorySizeMb: data.memorySizeMb,
      timeoutMs: remainingMs,
      awsRequestId,
    };
    const invoked = seq;
    const result = isStreamingHandler(handler)
      ? await callStreamingHandler(handler, event, contextOptions, {
          prelude: (metadata) => {
            send({ type: 'prelude', seq: invoked, metadata });
          },
          chunk: (chunk) => {
            send({ type: 'chunk', seq: invoked, data: chunk });
          },
        })
      : await callHandler(handler, event, contextOptions, legacy);
    // The runtime serialises the result as JSON: undefined becomes null, functions vanish.
    const resultJson = (JSON.stringify(result) as string | undefined) ?? 'null';
    closeLog();
    const tooLarge = oversizeError(resultJson);
    if (tooLarge === undefined) send({ type: 'result', seq, resultJson, ...metrics() });
    else send({ type: 'error', seq, error: tooLarge, ...metrics() });
  } catch (error) {
    closeLog();
    send({ type: 'error', seq, error: describe(error), ...metrics() });
  }
}

// Reading the process's memory is a system call: on a busy instance, at most every 100 ms.
let memorySampledAt = Number.NEGATIVE_INFINITY;
let memorySample = 0;
function memoryUsedMb(): number {
  const now = performance.now();
  if (now - memorySampledAt >= 100) {
    memorySampledAt = now;
    memorySample = Math.round(process.memoryUsage.rss() / 2 ** 20);
  }
  return memorySample;
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

/** An error as the runtime reports it: an Error by its name, anything else by its type. */
function describe(error: unknown): FunctionError {
  if (error instanceof NonErrorFailure)
    return { errorType: error.name, errorMessage: error.message, stack: '' };
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const hint =
      code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND' ? missingSdkHint(error.message) : '';
    return {
      errorType: error.name,
      errorMessage: hint === '' || error.message.includes(hint) ? error.message : error.message + hint,
      stack: error.stack ?? '',
    };
  }
  return { errorType: typeof error, errorMessage: format(error), stack: '' };
}
