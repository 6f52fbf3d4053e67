import { randomUUID } from 'node:crypto';
import type { IncomingRequest } from './incoming-request-types';
import { headerPairs } from './parameter-maps';
import { clfTime } from './request-time';
import { LOCAL_ACCOUNT_ID } from '../shared/local-aws';
import type { HttpProxyEventV2 } from './proxy-v2-event-types';

/** Content types whose bodies API Gateway passes as text; any other body is base64-encoded. */
const TEXT = /^(text\/|application\/(json|javascript|xml|x-www-form-urlencoded)|[^;]*\+(json|xml))/i;

/** Whether an HTTP API passes a body of this Content-Type as text (else base64), in either payload format. */
export function isTextBody(contentType: string | undefined): boolean {
  return TEXT.test(contentType ?? '');
}

/**
 * The path as HTTP APIs put it in events: percent-decoded, unlike REST APIs and Function URLs
 * (`/files/a%20b%40c` arrives as `/files/a b@c`; see the README's fidelity notes for the evidence).
 * A sequence that is no valid UTF-8 stays as it was sent.
 */
export function decodedPath(pathname: string): string {
  return pathname.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** Sets an own property even for `__proto__`, as JSON.parse would give it to the function. */
function put(map: Record<string, string>, key: string, value: string): void {
  if (Object.hasOwn(map, key)) map[key] = `${map[key] ?? ''},${value}`;
  else Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Who receives a payload 2.0 event: an HTTP API route, or a function URL (routeKey and stage `$default`). */
export interface ProxyV2Target {
  routeKey: string;
  apiId: string;
  stage: string;
  stageVariables: Record<string, string> | null;
  /** HTTP APIs percent-decode the path; function URLs keep it as sent. */
  decodePath: boolean;
}

/**
 * The payload 2.0 event of a request: header names lower-cased and repeated values joined with
 * commas, the Cookie header as `cookies`, repeated query values joined with commas, and no field for
 * what the request does not have.
 */
export function proxyEventV2(
  request: IncomingRequest,
  target: ProxyV2Target,
  pathParameters: Record<string, string> | null,
  requestId = randomUUID(),
  timeEpoch = Date.now(),
): HttpProxyEventV2 {
  const url = new URL(request.url, 'http://localhost');
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of headerPairs(request.rawHeaders)) {
    const lower = name.toLowerCase();
    if (lower === 'cookie')
      cookies.push(
        ...value
          .split(';')
          .map((cookie) => cookie.trim())
          .filter((cookie) => cookie !== ''),
      );
    else put(headers, lower, value);
  }
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) put(query, key, value);
  const body =
    request.body === null
      ? Buffer.alloc(0)
      : Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
  const isBase64Encoded = body.length > 0 && !isTextBody(headers['content-type']);
  const path = target.decodePath ? decodedPath(url.pathname) : url.pathname;
  const rawQueryString = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
  return {
    version: '2.0',
    routeKey: target.routeKey,
    rawPath: path,
    rawQueryString,
    ...(cookies.length === 0 ? {} : { cookies }),
    headers,
    ...(Object.keys(query).length === 0 ? {} : { queryStringParameters: query }),
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: target.apiId,
      domainName: request.host,
      domainPrefix: request.host.split('.')[0] ?? request.host,
      http: {
        method: request.method,
        path,
        protocol: request.protocol,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: target.routeKey,
      stage: target.stage,
      time: clfTime(new Date(timeEpoch)),
      timeEpoch,
    },
    ...(body.length === 0 ? {} : { body: body.toString(isBase64Encoded ? 'base64' : 'utf8') }),
    ...(pathParameters === null ? {} : { pathParameters }),
    isBase64Encoded,
    ...(target.stageVariables === null ? {} : { stageVariables: target.stageVariables }),
  };
}
