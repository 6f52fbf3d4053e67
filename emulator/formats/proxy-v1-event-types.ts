// The REST API's Lambda proxy event (payload format 1.0) as API Gateway sends it. Owned here rather
// than taken from @types/aws-lambda, which types for handlers: it says the header maps are never
// null, and API Gateway sends null for a request without headers.

export interface ProxyEventV1 {
  resource: string;
  path: string;
  httpMethod: string;
  headers: Record<string, string> | null;
  multiValueHeaders: Record<string, string[]> | null;
  queryStringParameters: Record<string, string> | null;
  multiValueQueryStringParameters: Record<string, string[]> | null;
  pathParameters: Record<string, string> | null;
  stageVariables: Record<string, string> | null;
  body: string | null;
  isBase64Encoded: boolean;
  requestContext: RestRequestContext;
}

export interface RestRequestContext {
  accountId: string;
  apiId: string;
  /** What a Lambda authorizer returned as context; null without one. */
  authorizer: Record<string, unknown> | null;
  domainName: string;
  domainPrefix: string;
  extendedRequestId: string;
  httpMethod: string;
  identity: RestRequestIdentity;
  /** The path with the stage: `/Prod/helloworld`. */
  path: string;
  protocol: string;
  requestId: string;
  /** `24/Nov/2026:11:19:28 +0000` */
  requestTime: string;
  requestTimeEpoch: number;
  resourceId: string;
  resourcePath: string;
  stage: string;
}

export interface RestRequestIdentity {
  accessKey: string | null;
  accountId: string | null;
  apiKey: string | null;
  apiKeyId: string | null;
  caller: string | null;
  clientCert: null;
  cognitoAuthenticationProvider: string | null;
  cognitoAuthenticationType: string | null;
  cognitoIdentityId: string | null;
  cognitoIdentityPoolId: string | null;
  principalOrgId: string | null;
  sourceIp: string;
  user: string | null;
  userAgent: string | null;
  userArn: string | null;
}
