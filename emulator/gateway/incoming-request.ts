import type { IncomingMessage } from 'node:http';

/**
 * An HTTP request as a gateway received it, the one model every event is built from: header names
 * as the client spelt them, in order. Plain data, so it can travel to a function's instance.
 */
export interface IncomingRequest {
  method: string;
  /** The path and query, as sent. */
  url: string;
  /** [name, value, name, value, ...] */
  rawHeaders: string[];
  /** Null when the request has no body: an empty one would still cost a buffer to send to the instance. */
  body: Uint8Array | null;
  sourceIp: string;
  protocol: string;
  host: string;
}

/** The model of a request Node received, with its body (empty for none, or for a WebSocket handshake). */
export function incomingRequest(message: IncomingMessage, body: Buffer): IncomingRequest {
  return {
    method: message.method ?? 'GET',
    url: message.url ?? '/',
    rawHeaders: message.rawHeaders,
    body: bodyToSend(body),
    sourceIp: message.socket.remoteAddress ?? '127.0.0.1',
    protocol: `HTTP/${message.httpVersion}`,
    host: message.headers.host ?? 'localhost',
  };
}

/** The body as the instance gets it: none when empty, and a small one out of Node's shared 8 KB pool, which a message would copy whole. */
function bodyToSend(body: Buffer): Uint8Array | null {
  if (body.byteLength === 0) return null;
  return body.byteLength === body.buffer.byteLength ? body : new Uint8Array(body);
}
