import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { RestApi, RouteMatch } from './routes';

export const STAGE = 'Prod';
export const API_ID = 'local';

/** An HTTP request as the server received it: header names as the client spelt them, in order. */
export interface IncomingRequest {
  method: string;
  url: string; // path and query, as sent
  rawHeaders: string[]; // [name, value, name, value, ...]
  /** Null when the request has no body: an empty one would still cost a buffer to send to the instance. */
  body: Uint8Array | null;
  sourceIp: string;
  protocol: string;
  host: string;
}

/**
 * Everything a REST proxy event is made from, the per-request ids and time included: the event is a
 * pure function of it. It is small to send to the instance that builds the event, and lets the console
 * show the exact event later without keeping it.
 */
export interface RestEventInput {
  request: IncomingRequest;
  resourcePath: string;
  pathParameters: Record<string, string> | null;
  binaryMediaTypes: string[];
  requestId: string;
  extendedRequestId: string;
  requestTimeEpoch: number;
}

/** The input for this request and route, with a fresh requestId and request time, as API Gateway gives. */
export function restEventInput(request: IncomingRequest, match: RouteMatch, api: RestApi): RestEventInput {
  return {
    request,
    resourcePath: match.route.resourcePath,
    pathParameters: match.pathParameters,
    binaryMediaTypes: api.binaryMediaTypes,
    requestId: randomUUID(),
    extendedRequestId: randomUUID(),
    requestTimeEpoch: Date.now(),
  };
}

/** Builds the REST (payload v1.0) proxy event API Gateway would send for this request and route. */
export function restProxyEvent(input: RestEventInput): APIGatewayProxyEvent {
  const { request, resourcePath } = input;
  const url = new URL(request.url, 'http://localhost');
  const headers = pairsToMaps(headerPairs(request.rawHeaders));
  const query = pairsToMaps([...url.searchParams]);
  const contentType = findHeader(headers.single, 'content-type');
  // A structured clone turns a Buffer into a plain Uint8Array: view the same bytes as a Buffer again.
  const body =
    request.body === null
      ? Buffer.alloc(0)
      : Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
  const isBase64Encoded = body.length > 0 && isBinary(contentType, input.binaryMediaTypes);
  return {
    resource: resourcePath,
    path: url.pathname,
    httpMethod: request.method,
    headers: headers.single ?? (null as unknown as APIGatewayProxyEvent['headers']),
    multiValueHeaders: headers.multi ?? (null as unknown as APIGatewayProxyEvent['multiValueHeaders']),
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    pathParameters: input.pathParameters,
    stageVariables: null,
    body: body.length === 0 ? null : body.toString(isBase64Encoded ? 'base64' : 'utf8'),
    isBase64Encoded,
    requestContext: {
      accountId: '123456789012',
      apiId: API_ID,
      authorizer: null,
      domainName: request.host,
      domainPrefix: request.host.split('.')[0] ?? request.host,
      extendedRequestId: input.extendedRequestId,
      httpMethod: request.method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.sourceIp,
        user: null,
        userAgent: findHeader(headers.single, 'user-agent') ?? null,
        userArn: null,
      },
      path: `/${STAGE}${url.pathname}`,
      protocol: request.protocol,
      requestId: input.requestId,
      requestTime: clfTime(new Date(input.requestTimeEpoch)),
      requestTimeEpoch: input.requestTimeEpoch,
      resourceId: 'local',
      resourcePath,
      stage: STAGE,
    },
  };
}

/** Node's raw header list as [name, value] pairs, in order, names as the client spelt them. */
export function headerPairs(rawHeaders: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    pairs.push([rawHeaders[index] ?? '', rawHeaders[index + 1] ?? '']);
  }
  return pairs;
}

/** Last value in the single map, every value in order in the multi map; null when there are none. */
export function pairsToMaps(pairs: [string, string][]): {
  single: Record<string, string> | null;
  multi: Record<string, string[]> | null;
} {
  if (pairs.length === 0) return { single: null, multi: null };
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [key, value] of pairs) {
    single[key] = value;
    (multi[key] ??= []).push(value);
  }
  return { single, multi };
}

export function findHeader(headers: Record<string, string> | null, name: string): string | undefined {
  if (headers === null) return undefined;
  let found: string | undefined;
  for (const key in headers) if (key.toLowerCase() === name) found = headers[key];
  return found;
}

/** Whether a Content-Type matches one of the API's binary media types (`*` wildcards allowed). */
export function isBinary(contentType: string | undefined, binaryMediaTypes: string[]): boolean {
  if (contentType === undefined) return false;
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return binaryMediaTypes.some((pattern) => {
    const [type, subtype] = pattern.toLowerCase().split('/');
    const [actualType, actualSubtype] = mediaType.split('/');
    return (type === '*' || type === actualType) && (subtype === '*' || subtype === actualSubtype);
  });
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's requestTime format: 24/Nov/2026:11:19:28 +0000. */
export function clfTime(date: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return (
    `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()] ?? ''}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}
