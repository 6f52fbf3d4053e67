// The WebSocket API's events as API Gateway sends them to a Lambda proxy integration. Owned here:
// @types/aws-lambda has one loose type for all three, and none for what $connect carries.

export type WebSocketEventType = 'CONNECT' | 'MESSAGE' | 'DISCONNECT';

export interface WebSocketRequestContext {
  routeKey: string;
  eventType: WebSocketEventType;
  extendedRequestId: string;
  /** `24/Nov/2026:11:19:28 +0000` */
  requestTime: string;
  messageDirection: 'IN';
  stage: string;
  connectedAt: number;
  requestTimeEpoch: number;
  identity: { userAgent: string; sourceIp: string };
  requestId: string;
  domainName: string;
  connectionId: string;
  apiId: string;
  /** What the `$connect` authorizer passed on: in every event of the connection. */
  authorizer?: Record<string, unknown>;
}

/** `$connect`: the handshake's headers and query string. */
export interface WebSocketConnectEvent {
  headers: Record<string, string> | null;
  multiValueHeaders: Record<string, string[]> | null;
  /** Present only when the handshake had a query string. */
  queryStringParameters?: Record<string, string>;
  multiValueQueryStringParameters?: Record<string, string[]>;
  requestContext: WebSocketRequestContext & { eventType: 'CONNECT' };
  isBase64Encoded: false;
}

/** A message, on its selected route. */
export interface WebSocketMessageEvent {
  requestContext: WebSocketRequestContext & { eventType: 'MESSAGE'; messageId: string };
  body: string;
  isBase64Encoded: false;
}

/** `$disconnect`: the handshake's headers again, and how the connection closed. */
export interface WebSocketDisconnectEvent {
  headers: Record<string, string> | null;
  multiValueHeaders: Record<string, string[]> | null;
  requestContext: WebSocketRequestContext & {
    eventType: 'DISCONNECT';
    disconnectStatusCode: number;
    disconnectReason: string;
  };
  isBase64Encoded: false;
}

export type WebSocketEvent = WebSocketConnectEvent | WebSocketMessageEvent | WebSocketDisconnectEvent;
