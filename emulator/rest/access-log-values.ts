import type { AccessLogValues } from '../gateway/access-log';
import { proxyEventV1, type ProxyEventV1Input } from '../formats/proxy-v1-event';
import { clfTime } from '../formats/request-time';
import type { RestApi } from '../template/rest-api-model';

/**
 * The `$context` values of a REST request that the access log of its stage can name, as its event's
 * requestContext carries them (the front door adds the reply's). Made when the console reads them;
 * what is not here is written `-`, and the console lists which.
 */
export function restAccessLogValues(input: ProxyEventV1Input): AccessLogValues {
  const context = proxyEventV1(input).requestContext;
  return {
    requestId: context.requestId,
    extendedRequestId: context.extendedRequestId,
    accountId: context.accountId,
    apiId: context.apiId,
    stage: context.stage,
    domainName: context.domainName,
    httpMethod: context.httpMethod,
    resourceId: context.resourceId,
    resourcePath: context.resourcePath,
    path: context.path,
    requestTime: context.requestTime,
    requestTimeEpoch: context.requestTimeEpoch,
    'identity.sourceIp': context.identity.sourceIp,
    'identity.userAgent': context.identity.userAgent ?? undefined,
  };
}

/** The values of a request no route of the stage answers (403): what is known before routing. */
export function unroutedAccessLogValues(
  api: RestApi,
  httpMethod: string,
  sourceIp: string | undefined,
  requestId: string,
): () => AccessLogValues {
  const requestTimeEpoch = Date.now();
  return () => ({
    requestId,
    apiId: api.apiId,
    stage: api.stage,
    httpMethod,
    requestTime: clfTime(new Date(requestTimeEpoch)),
    requestTimeEpoch,
    'identity.sourceIp': sourceIp,
  });
}
