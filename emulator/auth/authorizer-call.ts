import { resultOf } from '../gateway/invocation-report';
import type { FunctionError } from '../runtime/invocation';
import type { RunningFunctions } from '../runtime/running-functions';

/** One call of a Lambda authorizer, classified as every kind of API Gateway API classifies it. */
export type AuthorizerCall =
  /** It threw "Unauthorized": 401, whatever else it might have answered. */
  | { kind: 'unauthorized'; error: FunctionError }
  /** It failed or timed out: 500. */
  | { kind: 'failed'; why: string; error: FunctionError | null }
  | { kind: 'answered'; result: unknown };

export interface AuthorizerCallRecord {
  call: AuthorizerCall;
  /** What the console shows as its result, and its log lines. */
  result: unknown;
  logs: string[];
}

export async function callAuthorizer(
  functions: RunningFunctions,
  functionId: string,
  input: unknown,
): Promise<AuthorizerCallRecord> {
  const invocation = functions.invoke(functionId, input);
  const outcome = await invocation.outcome;
  const call: AuthorizerCall =
    outcome.kind === 'result'
      ? { kind: 'answered', result: outcome.result }
      : outcome.kind === 'timeout'
        ? { kind: 'failed', why: 'timed out', error: null }
        : outcome.error.errorMessage === 'Unauthorized'
          ? { kind: 'unauthorized', error: outcome.error }
          : {
              kind: 'failed',
              why: `${outcome.error.errorType}: ${outcome.error.errorMessage}`,
              error: outcome.error,
            };
  return { call, result: resultOf(outcome), logs: invocation.logs };
}
