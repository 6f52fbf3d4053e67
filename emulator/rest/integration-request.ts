import { findHeader } from '../formats/parameter-maps';
import { selectJsonPath } from '../mapping/jsonpath';
import { renderMapping } from '../mapping/render-mapping';
import type { NonProxyIntegration } from '../template/rest-integration-model';
import type { IntegrationRequest } from '../integrations/integration-request-types';
import type { MethodRequest } from './method-request';

/** The request template's content type and text for a request, by its Content-Type. */
export function requestTemplateFor(
  templates: Record<string, string>,
  contentType: string,
): [string, string] | undefined {
  return Object.entries(templates).find(([type]) => type.toLowerCase() === contentType);
}

/**
 * The integration request ("Method request behavior for payloads without mapping templates"): the
 * request template for the request's Content-Type, or the body passed through as
 * `passthroughBehavior` allows; undefined when it allows neither (API Gateway's 415).
 */
export function integrationRequest(
  integration: NonProxyIntegration,
  request: MethodRequest,
): IntegrationRequest | undefined {
  const parameters = mappedParameters(integration.requestParameters, request);
  const templates = integration.requestTemplates;
  const template = requestTemplateFor(templates, request.contentType);
  if (template !== undefined) {
    const { output } = renderMapping(template[1], request.mapping);
    return { ...parameters, body: Buffer.from(output), contentType: template[0], mapped: true };
  }
  const hasTemplates = Object.keys(templates).length > 0;
  const passes =
    integration.passthroughBehavior === 'WHEN_NO_MATCH' ||
    (integration.passthroughBehavior === 'WHEN_NO_TEMPLATES' && !hasTemplates);
  if (!passes) return undefined;
  return {
    ...parameters,
    body: request.body,
    contentType: findHeader(request.event.headers, 'content-type') ?? 'application/json',
    mapped: false,
  };
}

/** `integration.request.header.X: method.request.querystring.q` and the like, evaluated. */
function mappedParameters(
  mappings: Record<string, string>,
  request: MethodRequest,
): Pick<IntegrationRequest, 'headers' | 'querystring' | 'path'> {
  const mapped = {
    headers: {} as Record<string, string>,
    querystring: {} as Record<string, string>,
    path: {} as Record<string, string>,
  };
  for (const [target, source] of Object.entries(mappings)) {
    const parsed = /^integration\.request\.(header|querystring|path)\.(.+)$/.exec(target);
    if (parsed?.[1] === undefined || parsed[2] === undefined) continue;
    const value = requestParameterValue(source, request);
    if (value === undefined) continue;
    const where = parsed[1] === 'header' ? 'headers' : parsed[1] === 'querystring' ? 'querystring' : 'path';
    mapped[where][parsed[2]] = value;
  }
  return mapped;
}

/**
 * A mapping's source ("Parameter mapping for REST APIs"): `method.request.{path|querystring|header}.x`,
 * their `multivalue` forms (values joined by commas), `method.request.body[.JSONPath]`,
 * `stageVariables.x`, `context.x` or a `'static value'`. Undefined when the request has none.
 */
export function requestParameterValue(source: string, request: MethodRequest): string | undefined {
  const { event } = request;
  const staticValue = /^'(.*)'$/s.exec(source);
  if (staticValue !== null) return staticValue[1];
  const [kind, ...rest] = source.split('.');
  const name = rest.join('.');
  if (kind === 'stageVariables') return event.stageVariables?.[name];
  if (kind === 'context') return stringOf(pathIn(request.mapping.context, name));
  if (kind !== 'method' || rest[0] !== 'request') return undefined;
  const [, where, ...nameParts] = rest;
  const key = nameParts.join('.');
  switch (where) {
    case 'path':
      return event.pathParameters?.[key];
    case 'querystring':
      return event.queryStringParameters?.[key];
    case 'multivaluequerystring':
      return event.multiValueQueryStringParameters?.[key]?.join(',');
    case 'header':
      return findHeader(event.headers, key.toLowerCase());
    case 'multivalueheader':
      return multiHeader(event.multiValueHeaders, key.toLowerCase());
    case 'body':
      return key === '' ? request.mapping.body : jsonField(request.mapping.body, `$.${key}`);
    default:
      return undefined;
  }
}

function multiHeader(headers: Record<string, string[]> | null, name: string): string | undefined {
  if (headers === null) return undefined;
  const values = Object.entries(headers).flatMap(([key, list]) => (key.toLowerCase() === name ? list : []));
  return values.length === 0 ? undefined : values.join(',');
}

/** A JSON body's field as text (a string as is, anything else as JSON); undefined when absent or not JSON. */
export function jsonField(body: string, path: string): string | undefined {
  try {
    return stringOf(selectJsonPath(JSON.parse(body) as unknown, path));
  } catch {
    return undefined;
  }
}

function pathIn(root: Record<string, unknown>, dotted: string): unknown {
  let value: unknown = root;
  for (const part of dotted.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function stringOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
