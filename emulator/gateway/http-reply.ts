import type { ServerResponse } from 'node:http';

/** What the client gets: status, headers in order (a name may repeat), and the body bytes. */
export interface HttpReply {
  statusCode: number;
  headers: [string, string][];
  body: Buffer;
  /** Why API Gateway answered for the function, for the terminal; absent on a valid result. */
  fault?: string;
}

export const JSON_CONTENT_TYPE: [string, string] = ['Content-Type', 'application/json'];

/** An empty body, shared by every reply and request that has none. */
export const NO_BODY = Buffer.alloc(0);

export interface GatewayReplyDetails {
  /** Why API Gateway answered for the function, for the terminal. */
  fault?: string;
  /** The `x-amzn-ErrorType` to send, where the status alone does not tell it. */
  errorType?: string;
}

/** API Gateway's own answer, with the body its gateway responses use. */
export function gatewayReply(
  statusCode: number,
  message: string | null,
  { fault, errorType = errorTypeOf(statusCode) }: GatewayReplyDetails = {},
): HttpReply {
  return {
    statusCode,
    headers: [JSON_CONTENT_TYPE, ['x-amzn-ErrorType', errorType]],
    body: Buffer.from(JSON.stringify({ message })),
    ...(fault === undefined ? {} : { fault }),
  };
}

function errorTypeOf(statusCode: number): string {
  if (statusCode === 403) return 'MissingAuthenticationTokenException';
  if (statusCode === 413) return 'RequestEntityTooLargeException';
  if (statusCode === 504) return 'IntegrationTimeoutException';
  if (statusCode < 500) return 'BadRequestException';
  return 'InternalServerErrorException';
}

/**
 * Sends the reply, framed by the gateway alone: its own Content-Length, and no body for a HEAD
 * request or a status that cannot have one (204, 304).
 */
export function sendReply(response: ServerResponse, reply: HttpReply, headOnly: boolean): void {
  const { statusCode } = reply;
  const bodiless = statusCode === 204 || statusCode === 304;
  const body = headOnly || bodiless ? NO_BODY : reply.body;
  const headers: string[] = [];
  for (const [name, value] of reply.headers) headers.push(name, value);
  if (!bodiless) headers.push('Content-Length', String(body.length));
  response.writeHead(statusCode, headers);
  response.end(body);
}

/**
 * The last line of defence when the emulator itself fails while answering: the client gets API
 * Gateway's 500 if nothing was sent yet, and the connection is closed otherwise.
 */
export function sendInternalFailure(response: ServerResponse): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  try {
    sendReply(response, gatewayReply(500, 'Internal server error'), false);
  } catch {
    response.destroy();
  }
}
