// What a REST API method does when its integration is not a Lambda proxy: the integration request,
// the backend it calls, and the integration responses, as API Gateway models them.

export type PassthroughBehavior = 'WHEN_NO_MATCH' | 'WHEN_NO_TEMPLATES' | 'NEVER';

/** One integration response: chosen by its selection pattern, or the default one when it has none. */
export interface IntegrationResponse {
  statusCode: number;
  /** A regular expression matched against the backend's status code (HTTP, MOCK) or a Lambda error's message. */
  selectionPattern?: string;
  /** `method.response.header.X` → `integration.response.header.Y`, `integration.response.body.a`, or `'static'`. */
  responseParameters: Record<string, string>;
  /** Content type → mapping template. */
  responseTemplates: Record<string, string>;
}

/** A MOCK, HTTP, HTTP_PROXY or AWS (service, or Lambda without proxy) integration. */
export interface NonProxyIntegration {
  type: 'MOCK' | 'HTTP' | 'HTTP_PROXY' | 'AWS';
  /** The backend URL, or the `arn:aws:apigateway:{region}:{service}:...` of an AWS integration; '' for MOCK. */
  uri: string;
  /** The integration's HTTP method (`IntegrationHttpMethod`, `httpMethod`); the method's own when unset. */
  httpMethod?: string;
  /** `integration.request.{header|querystring|path}.X` → `method.request...`, `stageVariables.x`, `context.x` or `'static'`. */
  requestParameters: Record<string, string>;
  /** Content type → mapping template. */
  requestTemplates: Record<string, string>;
  passthroughBehavior: PassthroughBehavior;
  responses: IntegrationResponse[];
  timeoutMs: number;
  /** An AWS integration that invokes a function of this template without the proxy: its logical id. */
  functionId?: string;
  /** The role the service would assume; locally the developer's credentials sign instead. */
  credentials?: string;
  /** CONVERT_TO_BINARY or CONVERT_TO_TEXT on the request or a response: not applied here, and named. */
  contentHandling?: string;
}

/** API Gateway's default (and maximum) integration timeout. */
export const DEFAULT_INTEGRATION_TIMEOUT_MS = 29_000;

/** Where a required request parameter is read. */
export interface RequiredParameter {
  where: 'path' | 'querystring' | 'header';
  name: string;
}

/** A method's request validator and what it checks against. */
export interface RequestValidation {
  parameters: boolean;
  body: boolean;
  required: RequiredParameter[];
  /** Content type (or `$default`) → JSON Schema draft 4 model. */
  models: Record<string, unknown>;
}
