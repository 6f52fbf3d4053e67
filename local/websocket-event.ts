import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { API_ID, clfTime, headerPairs, pairsToMaps } from './event';

/** What every event of one connection shares. */
export interface ConnectionInfo {
  connectionId: string;
  connectedAt: number;
  domainName: string;
  stage: string;
  sourceIp: string;
  userAgent: string;
  headers: ReturnType<typeof pairsToMaps>;
  query: ReturnType<typeof pairsToMaps>;
}

/** A connection id in API Gateway's form, e.g. `L0SM9cOFvHcCIhw=`. */
export function newConnectionId(): string {
  return randomBytes(10).toString('base64');
}

export function connectionInfo(
  request: IncomingMessage,
  connectionId: string,
  stage: string,
): ConnectionInfo {
  const url = new URL(request.url ?? '/', 'http://localhost');
  return {
    connectionId,
    connectedAt: Date.now(),
    domainName: request.headers.host ?? 'localhost',
    stage,
    sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
    userAgent: request.headers['user-agent'] ?? '',
    headers: pairsToMaps(headerPairs(request.rawHeaders)),
    query: pairsToMaps([...url.searchParams]),
  };
}

function requestContext(info: ConnectionInfo, routeKey: string, eventType: string): Record<string, unknown> {
  const now = Date.now();
  const requestId = randomUUID();
  return {
    routeKey,
    eventType,
    extendedRequestId: requestId,
    requestTime: clfTime(new Date(now)),
    messageDirection: 'IN',
    stage: info.stage,
    connectedAt: info.connectedAt,
    requestTimeEpoch: now,
    identity: { userAgent: info.userAgent, sourceIp: info.sourceIp },
    requestId,
    domainName: info.domainName,
    connectionId: info.connectionId,
    apiId: API_ID,
  };
}

const handshakeMaps = (info: ConnectionInfo): Record<string, unknown> => ({
  headers: info.headers.single,
  multiValueHeaders: info.headers.multi,
});

export function connectEvent(info: ConnectionInfo): Record<string, unknown> {
  const query =
    info.query.single === null
      ? {}
      : { queryStringParameters: info.query.single, multiValueQueryStringParameters: info.query.multi };
  return {
    ...handshakeMaps(info),
    ...query,
    requestContext: requestContext(info, '$connect', 'CONNECT'),
    isBase64Encoded: false,
  };
}

export function messageEvent(
  info: ConnectionInfo,
  routeKey: string,
  data: Buffer,
  isBinary: boolean,
): Record<string, unknown> {
  return {
    requestContext: {
      ...requestContext(info, routeKey, 'MESSAGE'),
      messageId: randomBytes(10).toString('base64'),
    },
    body: data.toString(isBinary ? 'base64' : 'utf8'),
    isBase64Encoded: isBinary,
  };
}

export function disconnectEvent(
  info: ConnectionInfo,
  statusCode: number,
  reason: string,
): Record<string, unknown> {
  return {
    ...handshakeMaps(info),
    requestContext: {
      ...requestContext(info, '$disconnect', 'DISCONNECT'),
      disconnectStatusCode: statusCode,
      disconnectReason: reason,
    },
    isBase64Encoded: false,
  };
}
