/**
 * A Lambda proxy result's `statusCode` as API Gateway reads it: an integer or its digits in a string
 * ("201", as AWS's own blueprints return), from 200 to 599. An informational 1xx cannot end an
 * exchange, so it is a malformed result like any other value: undefined.
 */
export function proxyStatusCode(value: unknown): number | undefined {
  const status = typeof value === 'string' && /^\d{3}$/.test(value) ? Number(value) : value;
  return typeof status === 'number' && Number.isInteger(status) && status >= 200 && status <= 599
    ? status
    : undefined;
}
