import type { IncomingRequest } from './incoming-request-types';
import { findHeader, headerPairs, pairsToMaps } from './parameter-maps';
import { clfTime } from './request-time';
import { LOCAL_ACCOUNT_ID } from '../shared/local-aws';
import type { ProxyEventV1 } from './proxy-v1-event-types';

/**
 * Everything a REST proxy event is made from, the per-request ids and time included: the event is a
 * pure function of it. It is small to send to the instance that builds the event, and lets the console
 * show the exact event later without keeping it.
 */
export interface ProxyEventV1Input {
  request: IncomingRequest;
  resourcePath: string;
  pathParameters: Record<string, string> | null;
  apiId: string;
  stage: string;
  /** The `/{stage}` the URL started with, which the event's `path` leaves out; or ''. */
  stagePrefix: string;
  stageVariables: Record<string, string> | null;
  binaryMediaTypes: string[];
  /** `requestContext.authorizer`: what the authorizer passed on; null without one. */
  authorizer: Record<string, unknown> | null;
  /** The API key the request was let in with, and its id. */
  apiKey: { value: string; id: string } | null;
  /** Who signed an AWS_IAM request, as far as a signature tells locally; null otherwise. */
  iamCaller: { accessKey: string; accountId: string } | null;
  requestId: string;
  extendedRequestId: string;
  requestTimeEpoch: number;
}

/**
 * Builds the payload format 1.0 proxy event API Gateway sends for this request and route: what REST
 * APIs send, and HTTP APIs when a route asks for 1.0.
 */
export function proxyEventV1(input: ProxyEventV1Input): ProxyEventV1 {
  const { request, resourcePath, stage } = input;
  // The path as sent (routing reads it so too), not a URL's normalised one.
  const queryStart = request.url.indexOf('?');
  const pathname = queryStart < 0 ? request.url : request.url.slice(0, queryStart);
  const headers = pairsToMaps(headerPairs(request.rawHeaders));
  const query = pairsToMaps(
    queryStart < 0 ? [] : [...new URLSearchParams(request.url.slice(queryStart + 1))],
  );
  const contentType = findHeader(headers.single, 'content-type');
  // A structured clone turns a Buffer into a plain Uint8Array: view the same bytes as a Buffer again.
  const body =
    request.body === null
      ? Buffer.alloc(0)
      : Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
  const isBase64Encoded = body.length > 0 && isBinary(contentType, input.binaryMediaTypes);
  const path = pathname.slice(input.stagePrefix.length) || '/';
  return {
    resource: resourcePath,
    path,
    httpMethod: request.method,
    headers: headers.single,
    multiValueHeaders: headers.multi,
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    pathParameters: input.pathParameters,
    stageVariables: input.stageVariables,
    body: body.length === 0 ? null : body.toString(isBase64Encoded ? 'base64' : 'utf8'),
    isBase64Encoded,
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: input.apiId,
      authorizer: input.authorizer,
      domainName: request.host,
      domainPrefix: request.host.split('.')[0] ?? request.host,
      extendedRequestId: input.extendedRequestId,
      httpMethod: request.method,
      identity: {
        accessKey: input.iamCaller?.accessKey ?? null,
        accountId: input.iamCaller?.accountId ?? null,
        apiKey: input.apiKey?.value ?? null,
        apiKeyId: input.apiKey?.id ?? null,
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
      path: `/${stage}${path}`,
      protocol: request.protocol,
      requestId: input.requestId,
      requestTime: clfTime(new Date(input.requestTimeEpoch)),
      requestTimeEpoch: input.requestTimeEpoch,
      resourceId: 'local',
      resourcePath,
      stage,
    },
  };
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
