/**
 * A stage's access log: its `Format` and the `$context` values of one request, made only when read
 * (the console renders it; nothing is written to CloudWatch locally).
 */
export interface AccessLog {
  format: string;
  values: () => AccessLogValues;
}

/** `$context` variables by name (`requestId`, `identity.sourceIp`); absent ones are written `-`. */
export type AccessLogValues = Record<string, string | number | undefined>;

/**
 * The line API Gateway writes for a request: each `$context.name` of the format replaced by its
 * value; one with no value here is written `-`, as API Gateway writes a value it does not have.
 */
export function renderAccessLog(
  format: string,
  values: AccessLogValues,
): { line: string; unknown: string[] } {
  const unknown: string[] = [];
  const line = format.replace(
    /\$context\.([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*)/g,
    (_, name: string) => {
      const value = values[name];
      if (value === undefined) {
        if (!unknown.includes(name)) unknown.push(name);
        return '-';
      }
      return String(value);
    },
  );
  return { line, unknown };
}
