// The messages between the emulator and one function instance (a worker thread). Each side posts its
// messages as one array per turn of its event loop.
import type { EventSource, FunctionError } from '../invocation';

/** Fixed for an instance's life, passed as workerData. */
export interface InstanceData {
  bundlePath: string;
  bundleName: string;
  handlerExport: string;
  functionName: string;
  memorySizeMb: number;
  logFormat: 'JSON' | 'Text';
  /** The claim slots (see claims.ts), shared with the emulator. */
  claims: SharedArrayBuffer;
  /** The running invocation's log lines (see log-spill.ts), shared with the emulator. */
  logSpill: SharedArrayBuffer;
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
  | { type: 'result'; seq: number; resultJson: string; durationMs: number }
  | { type: 'error'; seq: number; error: FunctionError; durationMs: number };
