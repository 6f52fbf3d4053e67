import type { WebSocket } from 'ws';
import type { HttpReply } from '../gateway/http-reply';
import type { ConnectionInfo } from './events';

/** An open client connection, as the @connections API describes it. */
export interface Connection {
  info: ConnectionInfo;
  socket: WebSocket;
  lastActiveAt: number;
}

const GONE: HttpReply = {
  statusCode: 410,
  headers: [
    ['x-amzn-ErrorType', 'GoneException'],
    ['Content-Type', 'application/json'],
  ],
  body: Buffer.from('{"message":null}'),
};

/**
 * The @connections API: `POST|GET|DELETE /{stage}/@connections/{connectionId}` sends to, describes or
 * closes a connection. Answers undefined for any other path.
 */
export function connectionsRequest(
  connections: ReadonlyMap<string, Connection>,
  method: string,
  path: string,
  body: Buffer,
): HttpReply | undefined {
  const match = /^(?:\/[^/]+)?\/@connections\/([^/]+)$/.exec(path);
  if (match?.[1] === undefined) return undefined;
  const connection = connections.get(decodeURIComponent(match[1]));
  if (connection === undefined) return GONE;
  if (method === 'POST') {
    connection.socket.send(body.toString('utf8'));
    return { statusCode: 200, headers: [], body: Buffer.alloc(0) };
  }
  if (method === 'DELETE') {
    connection.socket.close(1000, 'closed by @connections');
    return { statusCode: 204, headers: [], body: Buffer.alloc(0) };
  }
  const description = {
    connectedAt: new Date(connection.info.connectedAt).toISOString(),
    identity: { sourceIp: connection.info.sourceIp, userAgent: connection.info.userAgent },
    lastActiveAt: new Date(connection.lastActiveAt).toISOString(),
  };
  return {
    statusCode: 200,
    headers: [['Content-Type', 'application/json']],
    body: Buffer.from(JSON.stringify(description)),
  };
}
