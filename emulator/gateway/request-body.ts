import type { IncomingMessage } from 'node:http';
import { NO_BODY } from './http-reply';

/** API Gateway's limit on a request's body. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

/** Calls back with the request body, or undefined when it is over API Gateway's 10 MB limit. */
export function readBody(request: IncomingMessage, then: (body: Buffer | undefined) => void): void {
  // A client that resets mid-body ends this request only; the response is not sent anywhere.
  request.on('error', () => undefined);
  const { 'content-length': length, 'transfer-encoding': encoding } = request.headers;
  // Without either header an HTTP/1.1 request has no body: no need to wait for one.
  if (length === undefined && encoding === undefined) {
    then(NO_BODY);
    return;
  }
  if (Number(length ?? 0) > MAX_REQUEST_BYTES) {
    request.resume();
    then(undefined);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const onEnd = (): void => {
    then(Buffer.concat(chunks));
  };
  const onData = (chunk: Buffer): void => {
    size += chunk.length;
    chunks.push(chunk);
    if (size <= MAX_REQUEST_BYTES) return;
    // Answer at once; the rest of the body is read and dropped.
    request.off('data', onData).off('end', onEnd).resume();
    then(undefined);
  };
  request.on('data', onData).on('end', onEnd);
}
