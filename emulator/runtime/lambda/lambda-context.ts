import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION, logGroupName, logStreamName } from '../../shared/local-aws';

export interface ContextOptions {
  functionName: string;
  memorySizeMb?: number;
  timeoutMs?: number;
  region?: string;
  awsRequestId?: string;
}

/** A Lambda `context` as the Node.js runtime passes it, with a deadline from the function's Timeout. */
export function createLambdaContext(options: ContextOptions): Context {
  const { functionName, memorySizeMb = 128, timeoutMs = 3000, region = LOCAL_REGION } = options;
  const deadline = Date.now() + timeoutMs;
  const unsupported = (): never => {
    throw new Error('the legacy done/succeed/fail callbacks are not supported; return a value');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${functionName}`,
    memoryLimitInMB: String(memorySizeMb),
    awsRequestId: options.awsRequestId ?? randomUUID(),
    logGroupName: logGroupName(functionName),
    logStreamName: logStreamName(),
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    // The Context type still lists the pre-async callbacks; async handlers must not use them.
    /* eslint-disable @typescript-eslint/no-deprecated */
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
    /* eslint-enable @typescript-eslint/no-deprecated */
  };
}
