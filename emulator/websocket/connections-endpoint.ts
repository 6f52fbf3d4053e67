import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { hostRefusal, isAllowedHost } from '../gateway/host-check';
import { gatewayReply, NO_BODY, type HttpReply } from '../gateway/http-reply';
import type { ConnectionInfo } from './events';

/** An open client connection, as the @connections API describes it. */
export interface Connection {
  info: ConnectionInfo;
  socket: WebSocket;
  lastActiveAt: number;
}

/** The most an @connections POST may carry. */
export const MAX_POST_BYTES = 128 * 1024;
/**
 * What may wait unsent for one client: past this the client is not reading, and it is dropped
 * rather than kept in memory.
 */
export const MAX_UNSENT_BYTES = 4 * 1024 * 1024;

export interface ConnectionsEndpointSettings {
  stage: string;
  allowedHosts: readonly string[];
}

/** Sends to a client, unless it has stopped reading: then it is dropped. True when sent. */
export function deliver(connection: Connection, message: string): boolean {
  if (connection.socket.bufferedAmount > MAX_UNSENT_BYTES) {
    connection.socket.terminate();
    return false;
  }
  connection.socket.send(message);
  return true;
}

/** The connection id (still URL-encoded) of a path of the stage's @connections, or undefined. */
export function connectionIdOf(path: string, stage: string): string | undefined {
  const match = /^\/([^/]+)\/@connections\/([^/]*)$/.exec(path);
  return match?.[1] === stage ? match[2] : undefined;
}

const GONE = gatewayReply(410, null, { errorType: 'GoneException' });

/**
 * The @connections API: `POST|GET|DELETE /{stage}/@connections/{connectionId}` sends to, describes or
 * closes a connection. Answers undefined for a path that is not the stage's @connections.
 *
 * The real endpoint takes only SigV4-signed requests. Locally any signature is accepted, but a
 * request must carry one (the SDK always does): a web page cannot send an Authorization header
 * cross-site without a preflight that this server never grants, so no page can post to a client.
 */
export function connectionsRequest(
  connections: ReadonlyMap<string, Connection>,
  settings: ConnectionsEndpointSettings,
  request: IncomingMessage,
  path: string,
  body: Buffer,
): HttpReply | undefined {
  const encodedId = connectionIdOf(path, settings.stage);
  if (encodedId === undefined) return undefined;
  if (!isAllowedHost(request.headers.host, settings.allowedHosts)) {
    return gatewayReply(403, hostRefusal(request.headers.host), { errorType: 'ForbiddenException' });
  }
  const method = request.method ?? '';
  const signed = /^AWS4-HMAC-SHA256 /.test(request.headers.authorization ?? '');
  if (!signed || !['POST', 'GET', 'DELETE'].includes(method)) {
    return gatewayReply(403, 'Missing Authentication Token');
  }
  let connectionId: string;
  try {
    connectionId = decodeURIComponent(encodedId);
  } catch {
    return gatewayReply(400, 'Invalid connectionId');
  }
  const connection = connections.get(connectionId);
  if (method === 'POST' && body.length > MAX_POST_BYTES) {
    return gatewayReply(413, `Payload is over ${MAX_POST_BYTES} bytes`, {
      errorType: 'PayloadTooLargeException',
    });
  }
  if (connection === undefined) return GONE;
  if (method === 'POST') {
    return deliver(connection, body.toString('utf8'))
      ? { statusCode: 200, headers: [], body: NO_BODY }
      : GONE;
  }
  if (method === 'DELETE') {
    connection.socket.close(1000, 'closed by @connections');
    return { statusCode: 204, headers: [], body: NO_BODY };
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
