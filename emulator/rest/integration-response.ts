import { JSON_CONTENT_TYPE, gatewayReply, type HttpReply } from '../gateway/http-reply';
import { renderMapping } from '../mapping/render-mapping';
import type { IntegrationResponse, NonProxyIntegration } from '../template/rest-integration-model';
import { jsonField, requestParameterValue } from './integration-request';
import type { IntegrationOutcome } from '../integrations/outcome';
import type { MethodRequest } from './method-request';

/**
 * The integration response and method response ("Set up an integration response"): the response whose
 * selection pattern matches the backend's status code (or a Lambda error's message), else the default
 * one; its mapping template for the client's Accept type (else application/json, else its first) or
 * the body passed through; its header mappings; then `$context.responseOverride`.
 */
export function integrationResponse(
  integration: NonProxyIntegration,
  outcome: Exclude<IntegrationOutcome, { kind: 'proxied' | 'failed' }>,
  request: MethodRequest,
): HttpReply {
  const selector = outcome.kind === 'response' ? String(outcome.status) : outcome.errorMessage;
  const chosen = selectResponse(integration.responses, selector);
  if (chosen === undefined)
    return gatewayReply(500, 'Internal server error', {
      fault: `Execution failed due to configuration error: No match for output mapping and no default output mapping configured (${selector === undefined ? 'a successful result' : `selected by ${JSON.stringify(selector)}`})`,
    });
  const bodyText = outcome.body.toString('utf8');
  const template = responseTemplateFor(chosen.responseTemplates, request);
  let body = outcome.body;
  let contentType = 'application/json';
  let statusCode = chosen.statusCode;
  const headers: [string, string][] = [];
  if (template !== undefined) {
    const rendered = renderMapping(template[1], { ...request.mapping, body: bodyText });
    body = Buffer.from(rendered.output);
    contentType = template[0];
    if (rendered.statusOverride !== undefined) statusCode = rendered.statusOverride;
    headers.push(...Object.entries(rendered.headerOverrides));
  }
  const backendHeaders = outcome.kind === 'response' ? outcome.headers : [];
  for (const [target, source] of Object.entries(chosen.responseParameters)) {
    const name = /^method\.response\.header\.(.+)$/.exec(target)?.[1];
    if (name === undefined) continue;
    const value = responseParameterValue(source, backendHeaders, bodyText, request);
    if (value !== undefined && !headers.some(([known]) => known.toLowerCase() === name.toLowerCase()))
      headers.push([name, value]);
  }
  if (!headers.some(([name]) => name.toLowerCase() === 'content-type'))
    headers.unshift(contentType === 'application/json' ? JSON_CONTENT_TYPE : ['Content-Type', contentType]);
  return { statusCode, headers, body };
}

/** The response a selector picks: the first whose pattern matches it whole, else the one without a pattern. */
export function selectResponse(
  responses: IntegrationResponse[],
  selector: string | undefined,
): IntegrationResponse | undefined {
  if (selector !== undefined) {
    const matched = responses.find(
      ({ selectionPattern }) => selectionPattern !== undefined && matchesWhole(selectionPattern, selector),
    );
    if (matched !== undefined) return matched;
  }
  return responses.find(({ selectionPattern }) => selectionPattern === undefined);
}

/** Java's Pattern.matches: the whole text, and `.` stops at a line end (a Lambda error message may span lines). */
function matchesWhole(pattern: string, text: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(text);
  } catch {
    return false;
  }
}

function responseTemplateFor(
  templates: Record<string, string>,
  request: MethodRequest,
): [string, string] | undefined {
  const entries = Object.entries(templates);
  if (entries.length === 0) return undefined;
  const accept = request.event.headers === null ? undefined : acceptOf(request.event.headers);
  return (
    (accept === undefined ? undefined : entries.find(([type]) => type.toLowerCase() === accept)) ??
    entries.find(([type]) => type.toLowerCase() === 'application/json') ??
    entries[0]
  );
}

function acceptOf(headers: Record<string, string>): string | undefined {
  const value = Object.entries(headers).find(([name]) => name.toLowerCase() === 'accept')?.[1];
  return value?.split(',')[0]?.split(';')[0]?.trim().toLowerCase();
}

/** `integration.response.header.X`, `integration.response.body[.JSONPath]`, or what a request mapping may read. */
function responseParameterValue(
  source: string,
  headers: [string, string][],
  body: string,
  request: MethodRequest,
): string | undefined {
  const header = /^integration\.response\.(multivalue)?header\.(.+)$/.exec(source);
  if (header?.[2] !== undefined) {
    const name = header[2].toLowerCase();
    const values = headers.filter(([key]) => key.toLowerCase() === name).map(([, value]) => value);
    if (values.length === 0) return undefined;
    return header[1] === undefined ? values.at(-1) : values.join(',');
  }
  if (source === 'integration.response.body') return body;
  const field = /^integration\.response\.body\.(.+)$/.exec(source)?.[1];
  if (field !== undefined) return jsonField(body, `$.${field}`);
  return requestParameterValue(source, request);
}
