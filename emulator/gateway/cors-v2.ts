import type { HttpReply } from './http-reply';
import type { HttpCors } from '../template/http-api-model';

/** The origin to allow for a request's Origin, or undefined when CorsConfiguration does not allow it. */
function allowedOrigin(cors: HttpCors, origin: string | undefined): string | undefined {
  if (origin === undefined) return undefined;
  if (cors.allowOrigins.includes('*')) return cors.allowCredentials ? origin : '*';
  return cors.allowOrigins.includes(origin) ? origin : undefined;
}

/** HTTP APIs and function URLs answer a preflight themselves from their CORS settings: 204, with CORS headers if the origin is allowed. */
export function httpPreflight(cors: HttpCors, origin: string | undefined): HttpReply {
  const allowed = allowedOrigin(cors, origin);
  const headers: [string, string][] = [];
  if (allowed !== undefined) {
    headers.push(['access-control-allow-origin', allowed]);
    if (cors.allowMethods.length > 0)
      headers.push(['access-control-allow-methods', cors.allowMethods.join(',')]);
    if (cors.allowHeaders.length > 0)
      headers.push(['access-control-allow-headers', cors.allowHeaders.join(',')]);
    if (cors.maxAge !== undefined) headers.push(['access-control-max-age', String(cors.maxAge)]);
    if (cors.allowCredentials) headers.push(['access-control-allow-credentials', 'true']);
  }
  return { statusCode: 204, headers, body: Buffer.alloc(0) };
}

/** The CORS headers HTTP APIs and function URLs add to an actual response for an allowed origin. */
export function withCors(
  reply: HttpReply,
  cors: HttpCors | undefined,
  origin: string | undefined,
): HttpReply {
  const allowed = cors === undefined ? undefined : allowedOrigin(cors, origin);
  if (cors === undefined || allowed === undefined) return reply;
  const headers: [string, string][] = [...reply.headers, ['access-control-allow-origin', allowed]];
  if (cors.exposeHeaders.length > 0)
    headers.push(['access-control-expose-headers', cors.exposeHeaders.join(',')]);
  if (cors.allowCredentials) headers.push(['access-control-allow-credentials', 'true']);
  return { ...reply, headers };
}
