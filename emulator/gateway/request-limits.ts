import type { IncomingMessage } from 'node:http';
import { gatewayReply, type HttpReply } from './http-reply';

/** API Gateway's limits on the request line and the headers ("API Gateway quotas"). */
export const MAX_URL_LENGTH = 8192;
export const MAX_HEADER_BYTES = 10_240;

/**
 * API Gateway's answer to a request over its URL or header limits, or undefined. The documentation
 * gives the limits, not the statuses: these are HTTP's own (414, 431), as Node answers headers
 * beyond its 16 KB.
 */
export function overLimitReply(request: IncomingMessage): HttpReply | undefined {
  if ((request.url ?? '').length > MAX_URL_LENGTH) return gatewayReply(414, 'Request-URI Too Long');
  // Node reads header bytes as Latin-1, one character each: a field's length is its size in bytes.
  let headerBytes = 0;
  for (const field of request.rawHeaders) headerBytes += field.length;
  if (headerBytes > MAX_HEADER_BYTES) return gatewayReply(431, 'Request Header Fields Too Large');
  return undefined;
}
