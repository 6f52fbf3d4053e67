import { JSON_CONTENT_TYPE, type HttpReply } from '../gateway/http-reply';

/** An HTTP API's own answer: `{"message": ...}`, with no x-amzn-ErrorType, unlike REST's. */
export function httpApiMessage(statusCode: number, text: string, fault?: string): HttpReply {
  return {
    statusCode,
    headers: [JSON_CONTENT_TYPE],
    body: Buffer.from(JSON.stringify({ message: text })),
    ...(fault === undefined ? {} : { fault }),
  };
}

/** HTTP APIs answer every integration failure alike. */
export function internalServerError(fault: string): HttpReply {
  return httpApiMessage(500, 'Internal Server Error', fault);
}
