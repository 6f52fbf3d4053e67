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

/** API Gateway's own answer, with the body its gateway responses use. */
export function gatewayReply(statusCode: number, message: string, fault?: string): HttpReply {
  return {
    statusCode,
    headers: [JSON_CONTENT_TYPE, ['x-amzn-ErrorType', errorType(statusCode)]],
    body: Buffer.from(JSON.stringify({ message })),
    ...(fault === undefined ? {} : { fault }),
  };
}

function errorType(statusCode: number): string {
  if (statusCode === 403) return 'MissingAuthenticationTokenException';
  if (statusCode === 413) return 'RequestEntityTooLargeException';
  if (statusCode === 504) return 'IntegrationTimeoutException';
  return 'InternalServerErrorException';
}

const NO_BODY = Buffer.alloc(0);

/** Sends the reply; for a HEAD request, without its body. */
export function sendReply(response: ServerResponse, reply: HttpReply, headOnly: boolean): void {
  const body = headOnly ? NO_BODY : reply.body;
  const headers: string[] = [];
  for (const [name, value] of reply.headers) headers.push(name, value);
  headers.push('Content-Length', String(body.length));
  response.writeHead(reply.statusCode, headers);
  response.end(body);
}
