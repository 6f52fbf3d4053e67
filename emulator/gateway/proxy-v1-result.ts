import { validateHeaderName, validateHeaderValue } from 'node:http';
import { gatewayReply, JSON_CONTENT_TYPE, type HttpReply } from './http-reply';
import { faultOf, THROTTLE_FAULT } from './invocation-report';
import { proxyStatusCode } from './status-code';
import { THROTTLED, type InvokeOutcome } from '../runtime/invocation';

const RESULT_KEYS = new Set([
  'statusCode',
  'headers',
  'multiValueHeaders',
  'body',
  'isBase64Encoded',
  'cookies',
]);

/**
 * Maps an invocation's outcome as API Gateway's Lambda proxy integration does: a well-formed result
 * is sent as given, anything else (a throw, a timeout, a malformed result) is a 502. A body with
 * `isBase64Encoded` is decoded only when `binaryAccepted()` says the API's binary media types match
 * the request (for REST APIs, its first Accept type); otherwise the client gets the base64 text, as
 * from API Gateway.
 */
export function replyFor(outcome: InvokeOutcome, binaryAccepted: () => boolean): HttpReply {
  // Lambda refused the invocation (throttled): API Gateway answers 500, not a function error's 502.
  if (outcome.kind === 'error' && outcome.error === THROTTLED)
    return gatewayReply(500, 'Internal server error', { fault: THROTTLE_FAULT });
  if (outcome.kind !== 'result') return internalError(faultOf(outcome));
  const { result } = outcome;
  const problem = malformation(result);
  if (problem !== undefined) return internalError(`Malformed Lambda proxy response: ${problem}`);
  const valid = result as ProxyResult;
  const headers: [string, string][] = [];
  const seen = new Set<string>();
  for (const [name, values] of Object.entries(valid.multiValueHeaders ?? {})) {
    for (const value of values) headers.push([name, String(value)]);
    seen.add(name.toLowerCase());
  }
  for (const [name, value] of Object.entries(valid.headers ?? {})) {
    // Both maps are merged; for a name in both, the multi-value map's values are kept.
    if (!seen.has(name.toLowerCase())) headers.push([name, String(value)]);
  }
  for (const header of headers) {
    const unsendable = unsendableHeader(header[0], header[1]);
    if (unsendable !== undefined) return internalError(`Malformed Lambda proxy response: ${unsendable}`);
    // The gateway frames the response itself; the function's framing headers are renamed, not obeyed.
    if (FRAMING_HEADERS.has(header[0].toLowerCase())) header[0] = `x-amzn-Remapped-${header[0]}`;
  }
  if (!headers.some(([name]) => name.toLowerCase() === 'content-type')) headers.push(JSON_CONTENT_TYPE);
  const body = valid.body ?? '';
  return {
    statusCode: Number(valid.statusCode),
    headers,
    body:
      valid.isBase64Encoded === true && binaryAccepted() ? Buffer.from(body, 'base64') : Buffer.from(body),
  };
}

const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection']);

/** Why a header cannot go on the wire (a name that is no HTTP token, a value with CR, LF, NUL or a character beyond Latin-1), or undefined. */
function unsendableHeader(name: string, value: string): string | undefined {
  try {
    validateHeaderName(name);
    validateHeaderValue(name, value);
    return undefined;
  } catch {
    return `header ${JSON.stringify(name)}: ${JSON.stringify(value)} cannot be sent in HTTP`;
  }
}

function internalError(fault: string): HttpReply {
  return gatewayReply(502, 'Internal server error', { fault });
}

type Scalar = string | number | boolean;
interface ProxyResult {
  /** A number, or its digits as a string. */
  statusCode: number | string;
  headers?: Record<string, Scalar>;
  multiValueHeaders?: Record<string, Scalar[]>;
  body?: string;
  isBase64Encoded?: boolean;
}

/** What is wrong with a result, or undefined when API Gateway would accept it. */
function malformation(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    return `the result is ${JSON.stringify(result)}, not an object`;
  }
  const fields = result as Record<string, unknown>;
  const unknownKey = Object.keys(fields).find((key) => !RESULT_KEYS.has(key));
  if (unknownKey !== undefined) return `unexpected field "${unknownKey}"`;
  const { statusCode, headers, multiValueHeaders, body, isBase64Encoded } = fields;
  if (proxyStatusCode(statusCode) === undefined) {
    return `statusCode must be an integer from 200 to 599, got ${JSON.stringify(statusCode)}`;
  }
  if (headers !== undefined && headers !== null && !isMapOf(headers, isScalar)) {
    return 'headers must map names to strings';
  }
  if (
    multiValueHeaders !== undefined &&
    multiValueHeaders !== null &&
    !isMapOf(multiValueHeaders, isScalarList)
  ) {
    return 'multiValueHeaders must map names to lists of strings';
  }
  if (body !== undefined && body !== null && typeof body !== 'string') return 'body must be a string';
  if (isBase64Encoded !== undefined && typeof isBase64Encoded !== 'boolean')
    return 'isBase64Encoded must be a boolean';
  return undefined;
}

const isScalar = (value: unknown): boolean => ['string', 'number', 'boolean'].includes(typeof value);
const isScalarList = (value: unknown): boolean => Array.isArray(value) && value.every(isScalar);

function isMapOf(value: unknown, check: (item: unknown) => boolean): boolean {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(check)
  );
}
