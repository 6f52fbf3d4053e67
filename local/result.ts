import type { InvokeOutcome } from './invoke';

/** What the client gets: status, headers in order (a name may repeat), and the body bytes. */
export interface HttpReply {
  statusCode: number;
  headers: [string, string][];
  body: Buffer;
  /** Why API Gateway answered for the function, for the terminal; absent on a valid result. */
  fault?: string;
}

const JSON_TYPE: [string, string] = ['Content-Type', 'application/json'];

/** API Gateway's own answer, with the body its gateway responses use. */
export function gatewayReply(statusCode: number, message: string, fault?: string): HttpReply {
  return {
    statusCode,
    headers: [JSON_TYPE, ['x-amzn-ErrorType', errorType(statusCode)]],
    body: Buffer.from(JSON.stringify({ message })),
    ...(fault === undefined ? {} : { fault }),
  };
}

function errorType(statusCode: number): string {
  if (statusCode === 403) return 'MissingAuthenticationTokenException';
  if (statusCode === 413) return 'RequestEntityTooLargeException';
  if (statusCode === 504) return 'IntegrationTimeoutException';
  return 'InternalServerErrorException';
}

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
 * is sent as given, anything else (a throw, a timeout, a malformed result) is a 502.
 */
export function replyFor(outcome: InvokeOutcome): HttpReply {
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
  if (!headers.some(([name]) => name.toLowerCase() === 'content-type')) headers.push(JSON_TYPE);
  const body = valid.body ?? '';
  return {
    statusCode: valid.statusCode,
    headers,
    body: valid.isBase64Encoded === true ? Buffer.from(body, 'base64') : Buffer.from(body),
  };
}

/** What the terminal says of a failed invocation: the error with its stack, or Lambda's timeout line. */
export function faultOf(outcome: Exclude<InvokeOutcome, { kind: 'result' }>): string {
  if (outcome.kind === 'timeout')
    return `Task timed out after ${(outcome.timeoutMs / 1000).toFixed(2)} seconds`;
  const { errorType: type, errorMessage, stack } = outcome.error;
  return stack === '' ? `${type}: ${errorMessage}` : stack;
}

function internalError(fault: string): HttpReply {
  return gatewayReply(502, 'Internal server error', fault);
}

type Scalar = string | number | boolean;
interface ProxyResult {
  statusCode: number;
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
  if (
    typeof statusCode !== 'number' ||
    !Number.isInteger(statusCode) ||
    statusCode < 100 ||
    statusCode > 599
  ) {
    return `statusCode must be an integer from 100 to 599, got ${JSON.stringify(statusCode)}`;
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
