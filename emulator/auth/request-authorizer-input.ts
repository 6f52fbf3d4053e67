import type { ProxyEventV1 } from '../formats/proxy-v1-event-types';

/**
 * What a REQUEST Lambda authorizer gets of the request in the REST shape, which REST APIs and HTTP
 * APIs with payload 1.0 both send ("Input to an API Gateway Lambda authorizer"): the proxy event's
 * request fields, with the method ARN.
 */
export function requestAuthorizerInput(event: ProxyEventV1, methodArn: string): Record<string, unknown> {
  return {
    type: 'REQUEST',
    methodArn,
    resource: event.resource,
    path: event.path,
    httpMethod: event.httpMethod,
    headers: event.headers,
    multiValueHeaders: event.multiValueHeaders,
    queryStringParameters: event.queryStringParameters,
    multiValueQueryStringParameters: event.multiValueQueryStringParameters,
    pathParameters: event.pathParameters,
    stageVariables: event.stageVariables,
    requestContext: event.requestContext,
  };
}
