// The messages between the emulator and one function instance (a worker thread).

/** Fixed for an instance's life, passed as workerData. */
export interface InstanceData {
  bundlePath: string;
  bundleName: string;
  handlerExport: string;
  functionName: string;
  memorySizeMb: number;
  logFormat: 'JSON' | 'Text';
}

/** One invocation; the event travels as JSON text, as it does through the Lambda runtime API. */
export interface ToInstance {
  eventJson: string;
  awsRequestId: string;
  remainingMs: number;
}

export interface FunctionError {
  errorType: string;
  errorMessage: string;
  stack: string;
}

export type FromInstance =
  | { type: 'ready' }
  | { type: 'init-error'; error: FunctionError }
  | { type: 'log'; line: string }
  | { type: 'result'; resultJson: string }
  | { type: 'error'; error: FunctionError };
