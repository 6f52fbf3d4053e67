import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Gateway } from '../gateway/front-door';
import type { Handled } from '../gateway/handled-request';
import { JSON_CONTENT_TYPE, NO_BODY, type HttpReply } from '../gateway/http-reply';
import { faultOf, resultOf, type InvocationReporter } from '../gateway/invocation-report';
import { integrated } from '../gateway/integrated-step';
import type { StageClock } from '../gateway/stage-clock';
import { THROTTLED, type InvokeOutcome } from '../runtime/invocation';
import { reportLine } from '../runtime/report-line';
import type { RunningFunctions } from '../runtime/running-functions';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../shared/local-aws';

/** Lambda's payload limits ("Lambda quotas"): 6 MB for a synchronous invocation, 1 MB for an asynchronous one. */
const MAX_SYNC_BYTES = 6 * 1024 * 1024;
const MAX_ASYNC_BYTES = 1024 * 1024;
/** The tail of the log `LogType: Tail` returns. */
const TAIL_BYTES = 4 * 1024;

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

/**
 * Lambda's Invoke API (`POST /2015-03-31/functions/{name}/invocations`) for the template's
 * functions, as `sam local start-lambda` offers it and the service documents it: what an SDK's
 * `LambdaClient`, `aws lambda invoke --endpoint-url` or another function reaches.
 */
export function lambdaInvokeEndpoint(
  functions: RunningFunctions,
  functionNames: () => Map<string, string>,
  reporter: InvocationReporter,
): Gateway {
  return {
    owns: (_method, path) => INVOKE_PATH.test(path),
    answer: (request, path, body, clock) =>
      invoke(request, path, body, functions, functionNames(), reporter, clock),
  };
}

async function invoke(
  request: IncomingMessage,
  path: string,
  body: Buffer,
  functions: RunningFunctions,
  names: Map<string, string>,
  reporter: InvocationReporter,
  clock: StageClock,
): Promise<Handled> {
  const requestId = randomUUID();
  const raw = decodeURIComponent(INVOKE_PATH.exec(path)?.[1] ?? '');
  const functionId = names.get(functionNameOf(raw));
  if (request.method !== 'POST')
    return {
      http: lambdaError(
        405,
        'MethodNotAllowedException',
        `${request.method ?? ''} is not allowed`,
        requestId,
      ),
    };
  if (functionId === undefined)
    return {
      http: lambdaError(
        404,
        'ResourceNotFoundException',
        `Function not found: arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:${functionNameOf(raw)}`,
        requestId,
      ),
    };
  const type = header(request, 'x-amz-invocation-type') ?? 'RequestResponse';
  if (!['RequestResponse', 'Event', 'DryRun'].includes(type))
    return {
      http: lambdaError(
        400,
        'InvalidParameterValueException',
        `Unsupported invocation type ${type}`,
        requestId,
      ),
    };
  const limit = type === 'Event' ? MAX_ASYNC_BYTES : MAX_SYNC_BYTES;
  if (body.length > limit)
    return {
      http: lambdaError(
        413,
        'RequestEntityTooLargeException',
        `Request must be smaller than ${limit} bytes for the InvokeFunction operation`,
        requestId,
      ),
    };
  let event: unknown;
  try {
    event = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown);
  } catch (error) {
    return {
      http: lambdaError(
        400,
        'InvalidRequestContentException',
        `Could not parse request body into json: ${(error as Error).message}`,
        requestId,
      ),
    };
  }
  if (type === 'DryRun') return { http: reply(204, [], NO_BODY, requestId) };
  const started = performance.now();
  const invocation = functions.invoke(functionId, event);
  // A function calling through its SDK names itself in the User-Agent (AWS_SDK_UA_APP_ID).
  const caller = / app\/([A-Za-z0-9]+)/.exec(` ${header(request, 'user-agent') ?? ''}`)?.[1];
  const record = (outcome: InvokeOutcome): NonNullable<Handled['invoked']>['record'] => ({
    functionId,
    trigger: `Lambda Invoke (${type})${caller === undefined || !names.has(caller) ? '' : ` from ${caller}`}`,
    event: () => event,
    result: resultOf(outcome),
  });
  if (type === 'Event') {
    // Answered at once; the function runs after, and is reported when it ends.
    void invocation.outcome.then((outcome) => {
      const ms = performance.now() - started;
      const status = outcome.kind === 'result' ? 200 : 500;
      reporter.report(
        `Lambda Invoke (Event) ${functionId} ${outcome.kind === 'result' ? 'ran' : 'failed'} ${ms.toFixed(0)} ms ${invocation.awsRequestId}`,
        outcome.kind === 'result' ? undefined : faultOf(outcome),
        { ...record(outcome), status, durationMs: Math.round(ms), logs: invocation.logs },
      );
    });
    return { http: reply(202, [], NO_BODY, invocation.awsRequestId) };
  }
  const outcome = await invocation.outcome;
  clock.step('Integrate', () => integrated(functionId, invocation.awsRequestId, outcome, functions));
  if (outcome.kind === 'error' && outcome.error === THROTTLED)
    return {
      http: lambdaError(429, 'TooManyRequestsException', 'Rate Exceeded.', invocation.awsRequestId),
      invoked: { requestId: invocation.awsRequestId, logs: invocation.logs, record: record(outcome) },
    };
  const headers: [string, string][] = [['X-Amz-Executed-Version', '$LATEST']];
  if (outcome.kind !== 'result') headers.push(['X-Amz-Function-Error', 'Unhandled']);
  if (header(request, 'x-amz-log-type') === 'Tail')
    headers.push([
      'X-Amz-Log-Result',
      logTail(
        invocation.awsRequestId,
        invocation.logs,
        outcome,
        functions.memorySizeMb(functionId),
        performance.now() - started,
      ),
    ]);
  return {
    http: reply(
      200,
      headers,
      Buffer.from(payloadOf(outcome, invocation.awsRequestId)),
      invocation.awsRequestId,
    ),
    invoked: { requestId: invocation.awsRequestId, logs: invocation.logs, record: record(outcome) },
  };
}

/** A name, a partial ARN (`123456789012:function:name`) or a full ARN, with or without a qualifier. */
function functionNameOf(raw: string): string {
  const arn = /^(?:arn:aws[\w-]*:lambda:[^:]*:)?(?:\d{12}:)?function:([^:]+)(?::[^:]+)?$/.exec(raw);
  if (arn?.[1] !== undefined) return arn[1];
  return raw.split(':')[0] ?? raw;
}

/** The response payload: the result as JSON, or the error as the runtime reports it. */
function payloadOf(outcome: InvokeOutcome, requestId: string): string {
  if (outcome.kind === 'result') return JSON.stringify(outcome.result ?? null);
  if (outcome.kind === 'timeout')
    return JSON.stringify({
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${requestId} Error: Task timed out after ${(outcome.timeoutMs / 1000).toFixed(2)} seconds`,
    });
  const { errorType, errorMessage, stack } = outcome.error;
  return JSON.stringify({ errorType, errorMessage, trace: stack === '' ? [] : stack.split('\n') });
}

/** `X-Amz-Log-Result`: the last 4 KB of the invocation's log, START to REPORT, base64-encoded. */
function logTail(
  requestId: string,
  logs: string[],
  outcome: InvokeOutcome,
  memorySizeMb: number,
  elapsedMs: number,
): string {
  const metrics = outcome.kind === 'timeout' ? undefined : outcome.metrics;
  const lines = [
    `START RequestId: ${requestId} Version: $LATEST`,
    ...logs,
    `END RequestId: ${requestId}`,
    reportLine(requestId, memorySizeMb, metrics, outcome.kind === 'timeout' ? outcome.timeoutMs : elapsedMs),
  ];
  const log = Buffer.from(`${lines.join('\n')}\n`);
  return log.subarray(Math.max(0, log.length - TAIL_BYTES)).toString('base64');
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function reply(statusCode: number, headers: [string, string][], body: Buffer, requestId: string): HttpReply {
  return {
    statusCode,
    headers: [JSON_CONTENT_TYPE, ['x-amzn-RequestId', requestId], ...headers],
    body,
  };
}

/** Lambda's error shape: the type in `x-amzn-ErrorType`, and `{Type, message}`. */
function lambdaError(statusCode: number, errorType: string, message: string, requestId: string): HttpReply {
  return {
    statusCode,
    headers: [JSON_CONTENT_TYPE, ['x-amzn-RequestId', requestId], ['x-amzn-ErrorType', errorType]],
    body: Buffer.from(JSON.stringify({ Type: 'User', message })),
    fault: `${errorType}: ${message}`,
  };
}
