import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingRequest } from '../formats/incoming-request-types';
import { findHeader, headerPairs, pairsToMaps, type ParameterMaps } from '../formats/parameter-maps';
import { clfTime } from '../formats/request-time';
import type {
  WebSocketConnectEvent,
  WebSocketDisconnectEvent,
  WebSocketEventType,
  WebSocketMessageEvent,
  WebSocketRequestContext,
} from '../formats/websocket-event-types';

/** What every event of one connection shares, taken from its handshake. */
export interface ConnectionInfo {
  connectionId: string;
  connectedAt: number;
  domainName: string;
  apiId: string;
  stage: string;
  /** Set once the `$connect` authorizer let the connection in. */
  authorizer?: Record<string, unknown>;
  sourceIp: string;
  userAgent: string;
  headers: ParameterMaps;
  query: ParameterMaps;
}

/** A connection id in API Gateway's form, e.g. `L0SM9cOFvHcCIhw=`. */
export function newConnectionId(): string {
  return randomBytes(10).toString('base64');
}

export function connectionInfo(
  handshake: IncomingRequest,
  connectionId: string,
  api: { apiId: string; stage: string },
): ConnectionInfo {
  const url = new URL(handshake.url, 'http://localhost');
  const headers = pairsToMaps(headerPairs(handshake.rawHeaders));
  return {
    connectionId,
    connectedAt: Date.now(),
    domainName: handshake.host,
    apiId: api.apiId,
    stage: api.stage,
    sourceIp: handshake.sourceIp,
    userAgent: findHeader(headers.single, 'user-agent') ?? '',
    headers,
    query: pairsToMaps([...url.searchParams]),
  };
}

function requestContext<T extends WebSocketEventType>(
  info: ConnectionInfo,
  routeKey: string,
  eventType: T,
): WebSocketRequestContext & { eventType: T } {
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
    apiId: info.apiId,
    ...(info.authorizer === undefined ? {} : { authorizer: info.authorizer }),
  };
}

export function connectEvent(info: ConnectionInfo): WebSocketConnectEvent {
  const { single, multi } = info.query;
  return {
    headers: info.headers.single,
    multiValueHeaders: info.headers.multi,
    ...(single === null || multi === null
      ? {}
      : { queryStringParameters: single, multiValueQueryStringParameters: multi }),
    requestContext: requestContext(info, '$connect', 'CONNECT'),
    isBase64Encoded: false,
  };
}

/** A text message's event: the service takes no binary frames. */
export function messageEvent(info: ConnectionInfo, routeKey: string, data: Buffer): WebSocketMessageEvent {
  return {
    requestContext: {
      ...requestContext(info, routeKey, 'MESSAGE'),
      messageId: randomBytes(10).toString('base64'),
    },
    body: data.toString('utf8'),
    isBase64Encoded: false,
  };
}

export function disconnectEvent(
  info: ConnectionInfo,
  statusCode: number,
  reason: string,
): WebSocketDisconnectEvent {
  return {
    headers: info.headers.single,
    multiValueHeaders: info.headers.multi,
    requestContext: {
      ...requestContext(info, '$disconnect', 'DISCONNECT'),
      disconnectStatusCode: statusCode,
      disconnectReason: reason,
    },
    isBase64Encoded: false,
  };
}
