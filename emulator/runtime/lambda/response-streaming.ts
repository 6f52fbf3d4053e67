// Lambda's response streaming as the Node.js runtime offers it: the `awslambda` global with
// `streamifyResponse(handler)` and `HttpResponseStream.from(stream, metadata)`, and the writable
// response stream a streaming handler writes to.
import { Writable } from 'node:stream';
import type { Handler } from './handler-loader';

const STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');

/** What the runtime passes on: the prelude (status, headers, cookies) and each chunk as it is written. */
export interface StreamOutput {
  prelude: (metadata: string) => void;
  chunk: (data: Uint8Array) => void;
}

/** A response stream: a Writable with Lambda's `setContentType` and the prelude `HttpResponseStream.from` sets. */
export class ResponseStream extends Writable {
  private preludeSent = false;

  constructor(private readonly output: StreamOutput) {
    super();
  }

  setContentType(contentType: string): void {
    this.setPrelude({ headers: { 'content-type': contentType } });
  }

  setPrelude(metadata: unknown): void {
    if (this.preludeSent) return;
    this.preludeSent = true;
    this.output.prelude(JSON.stringify(metadata ?? {}));
  }

  override _write(chunk: unknown, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), encoding);
    this.preludeSent = true;
    this.output.chunk(new Uint8Array(bytes));
    callback();
  }
}

/** The `awslambda` global of Lambda's Node.js runtime, for handlers that stream their response. */
export function installAwsLambdaGlobal(): void {
  (globalThis as { awslambda?: unknown }).awslambda = {
    streamifyResponse: (handler: Handler): Handler => {
      Object.defineProperty(handler, STREAMING, { value: true });
      return handler;
    },
    HttpResponseStream: {
      from: (stream: ResponseStream, metadata: unknown): ResponseStream => {
        stream.setPrelude(metadata);
        return stream;
      },
    },
  };
}

export function isStreamingHandler(handler: Handler): boolean {
  return Reflect.get(handler, STREAMING) === true;
}
