// The errors Lambda's Node.js runtime reports for a function it cannot load or run, by their type.

export class RuntimeError extends Error {
  constructor(type: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = `Runtime.${type}`;
  }
}

/** A runtime error that keeps the cause's stack, as the runtime reports a module's load failure. */
export function wrapped(type: string, cause: Error, message = String(cause)): RuntimeError {
  const error = new RuntimeError(type, message, { cause });
  // Only the frames: Node's "Require stack" lines name the emulator's own temporary files.
  const frames = (cause.stack ?? '').split('\n').filter((line) => line.startsWith('    at '));
  error.stack = [`${error.name}: ${message}`, ...frames].join('\n');
  return error;
}
