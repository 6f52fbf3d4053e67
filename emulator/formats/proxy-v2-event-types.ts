// The HTTP API's Lambda proxy event, payload format 2.0, as API Gateway sends it: absent fields are
// left out rather than null.

export interface HttpProxyEventV2 {
  version: '2.0';
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  cookies?: string[];
  headers: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  requestContext: HttpRequestContextV2;
  body?: string;
  pathParameters?: Record<string, string>;
  isBase64Encoded: boolean;
  stageVariables?: Record<string, string>;
}

export interface HttpRequestContextV2 {
  accountId: string;
  apiId: string;
  authorizer?:
    | { jwt: { claims: Record<string, unknown>; scopes: string[] | null } }
    | { lambda: Record<string, unknown> }
    | { iam: HttpIamContext };
  domainName: string;
  domainPrefix: string;
  http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string };
  requestId: string;
  routeKey: string;
  stage: string;
  /** `12/Mar/2020:19:03:58 +0000` */
  time: string;
  timeEpoch: number;
}

/** `requestContext.authorizer.iam` of a request an AWS_IAM route let in. */
export interface HttpIamContext {
  accessKey: string;
  accountId: string;
  callerId: string | null;
  cognitoIdentity: null;
  principalOrgId: string | null;
  userArn: string | null;
  userId: string | null;
}
