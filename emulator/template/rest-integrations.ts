import { functionOfUri } from './integration-target';
import { asRecord, stringRecord } from './property-values';
import {
  DEFAULT_INTEGRATION_TIMEOUT_MS,
  type IntegrationResponse,
  type NonProxyIntegration,
  type PassthroughBehavior,
} from './rest-integration-model';
import type { Template } from './template';

/** What a method's integration gives a route: a function (Lambda proxy), another integration, or why neither. */
export type RouteTarget =
  { functionId: string } | { integration: NonProxyIntegration } | { unsupported: string };

const PASSTHROUGH: PassthroughBehavior[] = ['WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER'];

/**
 * The target of an OpenAPI operation's `x-amazon-apigateway-integration` (lower-case keys,
 * `responses` keyed by selection pattern) or of an `AWS::ApiGateway::Method`'s `Integration`
 * (`IntegrationResponses` a list), once the template is resolved.
 */
export function integrationTarget(
  raw: unknown,
  style: 'openapi' | 'cloudformation',
  template: Template,
): RouteTarget {
  if (raw === undefined) return { unsupported: 'it has no integration' };
  const fields = asRecord(raw);
  const get = (openapi: string, cloudformation: string): unknown =>
    style === 'openapi' ? fields[openapi] : fields[cloudformation];
  const typeValue = get('type', 'Type');
  const type = typeof typeValue === 'string' ? typeValue.toUpperCase() : '';
  const uriValue = get('uri', 'Uri');
  if (type === 'AWS_PROXY') {
    const functionId = functionOfUri(uriValue, template);
    return functionId === undefined
      ? { unsupported: `its integration URI names no function of this template: ${JSON.stringify(uriValue)}` }
      : { functionId };
  }
  if (type !== 'MOCK' && type !== 'HTTP' && type !== 'HTTP_PROXY' && type !== 'AWS')
    return { unsupported: `${type || 'an unknown'} integration type` };
  const uri = typeof uriValue === 'string' ? uriValue : '';
  if (type !== 'MOCK' && uri === '')
    return {
      unsupported: `its ${type} integration URI cannot be resolved locally: ${JSON.stringify(uriValue ?? null)}`,
    };
  const passthroughValue = get('passthroughBehavior', 'PassthroughBehavior');
  const passthrough = typeof passthroughValue === 'string' ? passthroughValue.toUpperCase() : 'WHEN_NO_MATCH';
  const timeout = Number(get('timeoutInMillis', 'TimeoutInMillis'));
  const httpMethod = get('httpMethod', 'IntegrationHttpMethod');
  const credentials = get('credentials', 'Credentials');
  const contentHandling = [
    get('contentHandling', 'ContentHandling'),
    ...Object.values(asRecord(style === 'openapi' ? fields.responses : {})).map(
      (response) => asRecord(response).contentHandling,
    ),
    ...(Array.isArray(fields.IntegrationResponses) ? fields.IntegrationResponses : []).map(
      (response) => asRecord(response).ContentHandling,
    ),
  ].find((value): value is string => typeof value === 'string');
  const functionId = type === 'AWS' && /:lambda:path\//.test(uri) ? functionOfUri(uri, template) : undefined;
  if (type === 'AWS' && /:lambda:path\//.test(uri) && functionId === undefined)
    return { unsupported: `its Lambda integration URI names no function of this template: ${uri}` };
  return {
    integration: {
      type,
      uri,
      ...(typeof httpMethod === 'string' ? { httpMethod: httpMethod.toUpperCase() } : {}),
      requestParameters: stringRecord(get('requestParameters', 'RequestParameters')),
      requestTemplates: stringRecord(get('requestTemplates', 'RequestTemplates')),
      passthroughBehavior: PASSTHROUGH.find((behavior) => behavior === passthrough) ?? 'WHEN_NO_MATCH',
      responses:
        style === 'openapi'
          ? openApiResponses(fields.responses)
          : cloudFormationResponses(fields.IntegrationResponses),
      timeoutMs: Number.isInteger(timeout) && timeout >= 50 ? timeout : DEFAULT_INTEGRATION_TIMEOUT_MS,
      ...(functionId === undefined ? {} : { functionId }),
      ...(typeof credentials === 'string' ? { credentials } : {}),
      ...(contentHandling === undefined ? {} : { contentHandling }),
    },
  };
}

/** `responses: { "default": {...}, "4\\d{2}": {...} }`: each key a selection pattern, `default` the default. */
function openApiResponses(value: unknown): IntegrationResponse[] {
  return Object.entries(asRecord(value)).map(([pattern, response]) => {
    const fields = asRecord(response);
    return integrationResponse(
      fields.statusCode,
      pattern === 'default' ? undefined : pattern,
      fields.responseParameters,
      fields.responseTemplates,
    );
  });
}

function cloudFormationResponses(value: unknown): IntegrationResponse[] {
  return (Array.isArray(value) ? value : []).map((response) => {
    const fields = asRecord(response);
    const pattern = fields.SelectionPattern;
    return integrationResponse(
      fields.StatusCode,
      typeof pattern === 'string' && pattern !== '' ? pattern : undefined,
      fields.ResponseParameters,
      fields.ResponseTemplates,
    );
  });
}

function integrationResponse(
  statusCode: unknown,
  selectionPattern: string | undefined,
  parameters: unknown,
  templates: unknown,
): IntegrationResponse {
  const status = Number(statusCode);
  return {
    statusCode: Number.isInteger(status) ? status : 200,
    ...(selectionPattern === undefined ? {} : { selectionPattern }),
    responseParameters: stringRecord(parameters),
    responseTemplates: stringRecord(templates),
  };
}
