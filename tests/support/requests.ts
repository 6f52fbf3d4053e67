import type { APIGatewayProxyEvent } from 'aws-lambda';

/**
 * The HTTP request a client sends for a sample event, so the same events and expectations serve
 * the local tests and the deployed ones: method, query string, the `day` and `content-type` headers
 * and the body.
 */
export function requestFor(event: APIGatewayProxyEvent, baseUrl: string): { url: string; init: RequestInit } {
  const query = new URLSearchParams();
  for (const [key, values] of Object.entries(event.multiValueQueryStringParameters ?? {})) {
    for (const value of values ?? []) query.append(key, value);
  }
  const headers: Record<string, string> = {};
  // A console-style event has headers: null, whatever the type says.
  for (const [name, value] of Object.entries(
    (event.headers as APIGatewayProxyEvent['headers'] | null) ?? {},
  )) {
    if (['day', 'content-type'].includes(name.toLowerCase()) && value !== undefined) headers[name] = value;
  }
  const search = query.size === 0 ? '' : `?${query.toString()}`;
  const body =
    event.body === null ? undefined : event.isBase64Encoded ? Buffer.from(event.body, 'base64') : event.body;
  return {
    url: `${baseUrl}${event.path}${search}`,
    init: { method: event.httpMethod, headers, ...(body === undefined ? {} : { body }) },
  };
}
