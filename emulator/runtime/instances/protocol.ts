// The messages between the emulator and one function instance (a worker thread). Each side posts its
// messages as one array per turn of its event loop.
import type { EventSource, FunctionError, InvocationMetrics } from '../invocation';

/** Fixed for an instance's life: what its thread is told when it is given its function. */
export interface InstanceData {
  /** Where the function's code is (Lambda's /var/task), and its Handler relative to it. */
  taskRoot: string;
  handler: string;
  /** The Node.js major version of the function's runtime, whose behaviour the instance follows. */
  nodeMajor: number;
  tracing: boolean;
  functionName: string;
  memorySizeMb: number;
  logFormat: 'JSON' | 'Text';
  /** Folders Lambda puts on NODE_PATH (layers, the runtime's SDK), searched by ES modules too. */
  moduleFallbackDirs: string[];
  /** The module resolution hooks that give ES modules those folders. */
  fallbackHooksPath: string;
  /** With no AWS credentials: the local endpoint that answers every AWS call with NoLocalAwsAccess. */
  noAwsEndpoint?: string;
  /** The claim slots (see claims.ts), shared with the emulator. */
  claims: SharedArrayBuffer;
  /** The running invocation's log lines (see log-spill.ts), shared with the emulator. */
  logSpill: SharedArrayBuffer;
}

/**
 * The first message to a runtime thread, which may have been started before its function was known
 * (a spare): its function, and the variables its process.env gets.
 */
export interface InitInstance {
  data: InstanceData;
  environment: Record<string, string>;
}

/** One invocation. */
export interface ToInstance {
  seq: number;
  event: EventSource;
  awsRequestId: string;
  remainingMs: number;
}

export type FromInstance =
  | { type: 'ready' }
  | { type: 'init-error'; error: FunctionError }
  | { type: 'log'; seq: number; line: string }
  /** A streaming handler's response: its prelude (status, headers as JSON), then each chunk as written. */
  | { type: 'prelude'; seq: number; metadata: string }
  | { type: 'chunk'; seq: number; data: Uint8Array }
  | ({ type: 'result'; seq: number; resultJson: string } & InvocationMetrics)
  | ({ type: 'error'; seq: number; error: FunctionError } & InvocationMetrics);
