import type { ServerResponse } from 'node:http';
import { NO_BODY, sendReply, type HttpReply } from '../gateway/http-reply';
import { faultOf } from '../gateway/invocation-report';
import type { Invocation, ResponseSink } from '../runtime/invocation';

/** Lambda's limit on a streamed response ("Response streaming for Lambda functions"). */
export const MAX_STREAMED_BYTES = 20 * 1024 * 1024;

/**
 * A RESPONSE_STREAM function URL's reply: the prelude `HttpResponseStream.from` sets (status,
 * headers, cookies) or 200 `application/octet-stream`, then each chunk written to the client as the
 * handler writes it. A function that fails before writing answers 502; after, the response ends.
 */
export function streamedReply(
  invoke: (sink: ResponseSink) => Invocation,
  failed: (fault: string) => HttpReply,
  extraHeaders: [string, string][],
): (response: ServerResponse) => Promise<HttpReply> {
  return (response) =>
    new Promise((resolve) => {
      let statusCode = 200;
      let headers: [string, string][] = [['Content-Type', 'application/octet-stream']];
      let written = 0;
      let cutOff: string | undefined;
      const writeHead = (): void => {
        if (!response.headersSent) response.writeHead(statusCode, [...headers, ...extraHeaders].flat());
      };
      const invocation = invoke({
        prelude: (metadata) => {
          const prelude = parsePrelude(metadata);
          statusCode = prelude.statusCode ?? statusCode;
          headers = prelude.headers.length === 0 ? headers : prelude.headers;
        },
        chunk: (data) => {
          if (cutOff !== undefined) return;
          written += data.length;
          if (written > MAX_STREAMED_BYTES) {
            cutOff = `the streamed response passed Lambda's ${MAX_STREAMED_BYTES} bytes: cut off there`;
            return;
          }
          writeHead();
          response.write(data);
        },
      });
      void invocation.outcome.then((outcome) => {
        if (outcome.kind !== 'result' && !response.headersSent) {
          const reply = failed(faultOf(outcome));
          sendReply(response, reply, false);
          resolve(reply);
          return;
        }
        writeHead();
        response.end();
        const fault = outcome.kind === 'result' ? cutOff : faultOf(outcome);
        resolve({ statusCode, headers, body: NO_BODY, ...(fault === undefined ? {} : { fault }) });
      });
    });
}

/** `{statusCode, headers, cookies}` as HttpResponseStream.from takes it; anything else is ignored. */
function parsePrelude(metadata: string): { statusCode?: number; headers: [string, string][] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(metadata) as unknown;
  } catch {
    return { headers: [] };
  }
  const fields = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const status = Number(fields.statusCode);
  const headers: [string, string][] = [];
  const given = typeof fields.headers === 'object' && fields.headers !== null ? fields.headers : {};
  for (const [name, value] of Object.entries(given))
    if (typeof value === 'string' || typeof value === 'number') headers.push([name, String(value)]);
  if (Array.isArray(fields.cookies))
    for (const cookie of fields.cookies) if (typeof cookie === 'string') headers.push(['Set-Cookie', cookie]);
  return {
    ...(Number.isInteger(status) && status >= 200 && status <= 599 ? { statusCode: status } : {}),
    headers,
  };
}
