import type { ReportedInvocation } from './invocation-record';
import type { InvokeOutcome } from '../runtime/invocation';

/** What the access line says of a throttled invocation. */
export const THROTTLE_FAULT =
  'Lambda throttled the invocation: ReservedConcurrentExecutions invocations of the function were already running (TooManyRequestsException)';

/**
 * The one place that tells of what a gateway did: an access-log line in the terminal, then for an
 * invocation its log lines and fault, and its record for the console.
 */
export class InvocationReporter {
  private readonly listeners = new Set<(invocation: ReportedInvocation) => void>();

  constructor(private readonly log: (line: string) => void) {}

  /** Hears of every invocation reported from now on; returns what stops it. */
  onInvocation(listener: (invocation: ReportedInvocation) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  report(line: string, fault: string | undefined, invoked: ReportedInvocation | undefined): void {
    this.log(line);
    if (invoked !== undefined) for (const logLine of invoked.logs) this.log(`  ${logLine}`);
    if (fault !== undefined) this.log(indent(fault));
    if (invoked !== undefined) for (const listener of this.listeners) listener(invoked);
  }

  /** A fault of the emulator itself while answering: the line, then the error's stack. */
  reportFailure(line: string, error: unknown): void {
    this.report(line, error instanceof Error ? (error.stack ?? error.message) : String(error), undefined);
  }
}

/** What the terminal says of a failed invocation: the error with its stack, or Lambda's timeout line. */
export function faultOf(outcome: Exclude<InvokeOutcome, { kind: 'result' }>): string {
  if (outcome.kind === 'timeout')
    return `Task timed out after ${(outcome.timeoutMs / 1000).toFixed(2)} seconds`;
  const { errorType, errorMessage, stack } = outcome.error;
  return stack === '' ? `${errorType}: ${errorMessage}` : stack;
}

/** What the console shows as an invocation's result: the returned value, or the error. */
export function resultOf(outcome: InvokeOutcome): unknown {
  if (outcome.kind === 'result') return outcome.result;
  if (outcome.kind === 'timeout') return { errorType: 'Sandbox.Timedout', timeoutMs: outcome.timeoutMs };
  return outcome.error;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
