import type { IncomingMessage } from 'node:http';
import type { IncomingRequest } from '../formats/incoming-request-types';

/** The model of a request Node received, with its body (empty for none, or for a WebSocket handshake). */
export function incomingRequest(message: IncomingMessage, body: Buffer): IncomingRequest {
  const sourceIp = message.socket.remoteAddress ?? '127.0.0.1';
  return {
    method: message.method ?? 'GET',
    url: message.url ?? '/',
    rawHeaders: withForwardedHeaders(message.rawHeaders, sourceIp, message.socket.localPort ?? 0),
    body: bodyToSend(body),
    sourceIp,
    protocol: `HTTP/${message.httpVersion}`,
    host: message.headers.host ?? 'localhost',
  };
}

/** The body as the instance gets it: none when empty, and a small one out of Node's shared 8 KB pool, which a message would copy whole. */
function bodyToSend(body: Buffer): Uint8Array | null {
  if (body.byteLength === 0) return null;
  return body.byteLength === body.buffer.byteLength ? body : new Uint8Array(body);
}

/**
 * The headers with those API Gateway adds to every request it passes on: `X-Forwarded-For` (the
 * client's own list, if it sent one, then its address), `X-Forwarded-Proto` and `X-Forwarded-Port`
 * (replacing any the client sent). They describe the connection the client made, which here is
 * plain HTTP on the local port, where AWS's endpoint gives `https` and `443`.
 */
export function withForwardedHeaders(rawHeaders: string[], sourceIp: string, port: number): string[] {
  const headers: string[] = [];
  let forwardedFor: string | undefined;
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] ?? '';
    const value = rawHeaders[index + 1] ?? '';
    const lower = name.toLowerCase();
    if (lower === 'x-forwarded-for')
      forwardedFor = forwardedFor === undefined ? value : `${forwardedFor}, ${value}`;
    else if (lower !== 'x-forwarded-proto' && lower !== 'x-forwarded-port') headers.push(name, value);
  }
  headers.push(
    'X-Forwarded-For',
    forwardedFor === undefined ? sourceIp : `${forwardedFor}, ${sourceIp}`,
    'X-Forwarded-Proto',
    'http',
    'X-Forwarded-Port',
    String(port),
  );
  return headers;
}
