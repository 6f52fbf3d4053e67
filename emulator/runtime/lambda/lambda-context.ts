import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION, logGroupName, logStreamName } from '../../shared/local-aws';

/** The legacy completion methods that Node.js 22 and earlier runtimes put on the context. */
export type LegacyCompletion = Pick<Context, 'done' | 'fail' | 'succeed'>;

export interface ContextOptions {
  functionName: string;
  memorySizeMb?: number;
  timeoutMs?: number;
  region?: string;
  awsRequestId?: string;
  /** Given on Node.js 22 and earlier; the Node.js 24 runtime has none. */
  completion?: LegacyCompletion;
}

/** On Node.js 24 the methods are gone: calling one fails as calling a missing method does. */
const removed = (name: string) => (): never => {
  throw new TypeError(
    `context.${name} is not a function: the nodejs24.x runtime removed context.done/fail/succeed; return a value or throw`,
  );
};
// The Context type still lists the pre-async completion methods, which only old runtimes have.
/* eslint-disable @typescript-eslint/no-deprecated */
const REMOVED: LegacyCompletion = {
  done: removed('done'),
  fail: removed('fail'),
  succeed: removed('succeed'),
};
/* eslint-enable @typescript-eslint/no-deprecated */

/**
 * What stays the same for an execution environment's life: its ARN, its log group, and its log
 * stream (named when the environment starts, as CloudWatch's are). One function per instance, so
 * worked out once.
 */
let names:
  { functionName: string; region: string; arn: string; logGroup: string; logStream: string } | undefined;

function namesOf(functionName: string, region: string): NonNullable<typeof names> {
  if (names?.functionName !== functionName || names.region !== region) {
    names = {
      functionName,
      region,
      arn: `arn:aws:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${functionName}`,
      logGroup: logGroupName(functionName),
      logStream: logStreamName(),
    };
  }
  return names;
}

/** A Lambda `context` as the Node.js runtime passes it, with a deadline from the function's Timeout. */
export function createLambdaContext(options: ContextOptions): Context {
  const { functionName, memorySizeMb = 128, timeoutMs = 3000, region = LOCAL_REGION } = options;
  const deadline = Date.now() + timeoutMs;
  const names = namesOf(functionName, region);
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: names.arn,
    memoryLimitInMB: String(memorySizeMb),
    awsRequestId: options.awsRequestId ?? randomUUID(),
    logGroupName: names.logGroup,
    logStreamName: names.logStream,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    ...(options.completion ?? REMOVED),
  };
}
