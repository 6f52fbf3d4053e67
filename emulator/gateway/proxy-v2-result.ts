import type { InvokeOutcome } from '../runtime/invocation';
import { JSON_CONTENT_TYPE, type HttpReply } from './http-reply';
import { faultOf } from './invocation-report';
import { proxyStatusCode } from './status-code';

/**
 * A payload 2.0 result as HTTP APIs and function URLs map it: an object with `statusCode` is the
 * response (`headers`, `cookies` as Set-Cookie lines, `body`, `isBase64Encoded`); any other value is
 * a 200 JSON body: a string as it is, anything else as its JSON. A failed invocation or a malformed
 * result is answered by `failure`, each front's own error.
 */
export function replyForV2(outcome: InvokeOutcome, failure: (fault: string) => HttpReply): HttpReply {
  if (outcome.kind !== 'result') return failure(faultOf(outcome));
  const { result } = outcome;
  const isResponse =
    typeof result === 'object' && result !== null && !Array.isArray(result) && 'statusCode' in result;
  if (!isResponse) {
    const body = typeof result === 'string' ? result : JSON.stringify(result);
    return { statusCode: 200, headers: [JSON_CONTENT_TYPE], body: Buffer.from(body) };
  }
  const { statusCode: given, headers, cookies, body, isBase64Encoded } = result as Record<string, unknown>;
  const statusCode = proxyStatusCode(given);
  if (statusCode === undefined)
    return failure(`Malformed Lambda proxy response: statusCode ${JSON.stringify(given)}`);
  if (body !== undefined && body !== null && typeof body !== 'string')
    return failure('Malformed Lambda proxy response: body is not a string');
  const lines: [string, string][] = [];
  for (const [name, value] of Object.entries((headers ?? {}) as Record<string, unknown>)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      return failure(`Malformed Lambda proxy response: header ${name} is not a string`);
    lines.push([name, String(value)]);
  }
  if (Array.isArray(cookies))
    for (const cookie of cookies) if (typeof cookie === 'string') lines.push(['Set-Cookie', cookie]);
  const text = typeof body === 'string' ? body : '';
  return {
    statusCode,
    headers: lines,
    body: Buffer.from(text, isBase64Encoded === true ? 'base64' : 'utf8'),
  };
}
