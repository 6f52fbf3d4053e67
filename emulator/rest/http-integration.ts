import type { NonProxyIntegration } from '../template/rest-integration-model';
import type { IntegrationRequest } from '../integrations/integration-request-types';
import type { MethodRequest } from './method-request';
import { callBackend } from '../integrations/backend-call';
import type { IntegrationOutcome } from '../integrations/outcome';

/** Hop-by-hop headers, and those the gateway sets itself: never forwarded either way. */
const NOT_FORWARDED = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'proxy-authorization',
  'proxy-authenticate',
  'host',
  'content-length',
]);

/**
 * An HTTP or HTTP_PROXY integration ("Set up HTTP integrations"): the URI with its `{name}` path
 * parameters and `${stageVariables.x}` filled in, sent the mapped request (HTTP) or the method request
 * itself with the mapped parameters added (HTTP_PROXY).
 */
export async function httpIntegration(
  integration: NonProxyIntegration,
  request: IntegrationRequest,
  method: MethodRequest,
): Promise<IntegrationOutcome> {
  const proxy = integration.type === 'HTTP_PROXY';
  const url = new URL(
    integration.uri
      .replace(
        /\$\{stageVariables\.([^}]+)\}/g,
        (_, name: string) => method.event.stageVariables?.[name] ?? '',
      )
      .replace(/\{([^}+]+)\+?\}/g, (_, name: string) => encodePath(request.path[name] ?? '')),
  );
  if (proxy) {
    const query = method.event.multiValueQueryStringParameters ?? {};
    for (const [name, values] of Object.entries(query))
      for (const value of values) url.searchParams.append(name, value);
  }
  for (const [name, value] of Object.entries(request.querystring)) url.searchParams.set(name, value);
  const headers: Record<string, string> = {};
  if (proxy)
    for (const [name, value] of Object.entries(method.event.headers ?? {}))
      if (!NOT_FORWARDED.has(name.toLowerCase())) headers[name] = value;
  Object.assign(headers, request.headers);
  if (request.body.length > 0 && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type'))
    headers['Content-Type'] = request.contentType;
  const httpMethod =
    integration.httpMethod === undefined || integration.httpMethod === 'ANY'
      ? method.event.httpMethod
      : integration.httpMethod;
  const answer = await callBackend({
    method: httpMethod,
    url,
    headers,
    body: request.body,
    timeoutMs: integration.timeoutMs,
  });
  if ('failed' in answer) return answer.failed;
  if (!proxy) return { kind: 'response', status: answer.status, headers: answer.headers, body: answer.body };
  return {
    kind: 'proxied',
    reply: {
      statusCode: answer.status,
      headers: answer.headers.filter(([name]) => !NOT_FORWARDED.has(name.toLowerCase())),
      body: answer.body,
    },
  };
}

/** A path parameter's value in a URL path: each segment encoded, a greedy value's slashes kept. */
function encodePath(value: string): string {
  return value.split('/').map(encodeURIComponent).join('/');
}
