// What a gateway gives the function runtime for one invocation, and what it gets back.
import type { ProxyEventV1Input } from '../formats/proxy-v1-event';

/**
 * What the function is invoked with: an event as JSON text, as it travels through the Lambda runtime
 * API, or the small input that the instance expands into a payload 1.0 proxy event, so that the thread serving
 * HTTP does not build and serialise every event.
 */
export type EventSource = { json: string } | { proxyV1: ProxyEventV1Input };

/** An error as the Lambda runtime reports it. */
export interface FunctionError {
  errorType: string;
  errorMessage: string;
  stack: string;
}

/**
 * What Lambda answers a synchronous invocation beyond the function's reserved concurrency: the
 * invocation never runs (429 TooManyRequestsException, Reason ReservedFunctionConcurrentInvocationLimitExceeded).
 */
export const THROTTLED: FunctionError = {
  errorType: 'TooManyRequestsException',
  errorMessage: 'Rate Exceeded.',
  stack: '',
};

/** What Lambda's REPORT line tells of an invocation that ran. */
export interface InvocationMetrics {
  /** The handler's own time. */
  durationMs: number;
  /** The instance's memory in use when it ended (the emulator's whole process, on this machine). */
  memoryUsedMb: number;
  /** On the instance's first invocation: how long its init phase took. */
  initDurationMs?: number;
}

export type InvokeOutcome =
  /** The returned value, parsed once from the JSON the runtime sent, as Lambda's response payload. */
  | { kind: 'result'; result: unknown; metrics?: InvocationMetrics }
  | { kind: 'error'; error: FunctionError; metrics?: InvocationMetrics }
  | { kind: 'timeout'; timeoutMs: number };

/** One invocation under way: its id, its outcome to come, and its log lines as they arrive. */
export interface Invocation {
  awsRequestId: string;
  outcome: Promise<InvokeOutcome>;
  logs: string[];
}

/** Where a streaming handler's response goes as it is written: its prelude (JSON), then each chunk. */
export interface ResponseSink {
  prelude: (metadata: string) => void;
  chunk: (data: Buffer) => void;
}
