import { randomUUID } from 'node:crypto';
import type { IncomingRequest } from '../formats/incoming-request-types';
import type { ProxyEventV1Input } from '../formats/proxy-v1-event';
import type { ApiRouteMatch } from './route-matching';

/** The input for this request and route, with a fresh requestId and request time, as API Gateway gives. */
export function restEventInput(request: IncomingRequest, match: ApiRouteMatch): ProxyEventV1Input {
  const { api } = match;
  return {
    request,
    resourcePath: match.route.resourcePath,
    pathParameters: match.pathParameters,
    apiId: api.apiId,
    stage: api.stage,
    stagePrefix: match.stagePrefix,
    stageVariables: api.stageVariables,
    binaryMediaTypes: api.binaryMediaTypes,
    authorizer: null,
    apiKey: null,
    iamCaller: null,
    requestId: randomUUID(),
    extendedRequestId: randomUUID(),
    requestTimeEpoch: Date.now(),
  };
}
