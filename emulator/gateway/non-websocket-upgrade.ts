import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { MAX_REQUEST_BYTES } from './request-body';

/**
 * Answers a request that asked for an upgrade other than WebSocket (`Upgrade: h2c`) as the ordinary
 * request it is for API Gateway. Node hands such a request over with its socket and no body
 * stream, so its body (by Content-Length) is read from what followed the headers and from the
 * socket, and the connection closes after the answer.
 */
export function answerAsRequest(
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  handle: (request: IncomingMessage, response: ServerResponse) => void,
): void {
  if (!(socket instanceof Socket)) {
    socket.destroy();
    return;
  }
  const length = Number(request.headers['content-length'] ?? 0);
  const wanted = Number.isInteger(length) && length > 0 ? Math.min(length, MAX_REQUEST_BYTES + 1) : 0;
  const chunks: Buffer[] = head.length > 0 ? [head] : [];
  let received = head.length;
  const start = (): void => {
    socket.removeListener('data', onData);
    // Node has ended the upgrade request's own stream: a fresh message carries its body.
    const message = new IncomingMessage(socket);
    message.method = request.method;
    message.url = request.url;
    message.httpVersion = request.httpVersion;
    message.httpVersionMajor = request.httpVersionMajor;
    message.httpVersionMinor = request.httpVersionMinor;
    message.headers = request.headers;
    message.rawHeaders = request.rawHeaders;
    // Complete, so that its end is no aborted request (which would destroy the socket).
    message.complete = true;
    if (wanted > 0) message.push(Buffer.concat(chunks).subarray(0, wanted));
    message.push(null);
    const response = new ServerResponse(message);
    response.shouldKeepAlive = false;
    response.assignSocket(socket);
    response.on('finish', () => socket.end());
    handle(message, response);
  };
  const onData = (chunk: Buffer): void => {
    chunks.push(chunk);
    received += chunk.length;
    if (received >= wanted) start();
  };
  if (received >= wanted) start();
  else socket.on('data', onData).resume();
}
