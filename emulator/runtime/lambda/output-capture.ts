// What a function writes to process.stdout and process.stderr (libraries such as Powertools' Logger
// write there, not through console) goes to CloudWatch as it is; here, into the invocation's record.

type Write = (chunk: Uint8Array | string, ...rest: unknown[]) => boolean;

export function captureOutput(stream: NodeJS.WriteStream, onLine: (line: string) => void): void {
  const write: Write = (chunk, ...rest) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    for (const line of text.replace(/\n$/, '').split('\n')) onLine(line);
    // The callback form: write(chunk, callback) or write(chunk, encoding, callback).
    const callback = rest.find((item): item is () => void => typeof item === 'function');
    if (callback !== undefined) queueMicrotask(callback);
    return true;
  };
  stream.write = write;
}
