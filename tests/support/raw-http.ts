import { connect, type Socket } from 'node:net';

/**
 * Sends bytes exactly as given over a new TCP connection and resolves with everything the server
 * sent back until it closed or `idleMs` passed in silence: for what fetch would hide or refuse to send.
 */
export function rawExchange(url: string, request: string | Buffer, idleMs = 300): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const done = (): void => {
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    socket.setTimeout(idleMs, done);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', done);
    socket.on('error', reject);
    socket.write(request);
  });
}

/** An HTTP/1.1 request's text, with `Connection: close` so the server ends the exchange. */
export function httpRequest(
  url: string,
  method: string,
  headers: [string, string][] = [],
  body = '',
): string {
  const { host, pathname, search } = new URL(url);
  const lines = [`${method} ${pathname}${search} HTTP/1.1`, `Host: ${host}`, 'Connection: close'];
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  if (body !== '') lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}
