// `$util` of API Gateway's mapping templates ("API Gateway mapping template and access logging
// variable reference"), as the JVM functions behind them behave.

/**
 * Apache Commons' StringEscapeUtils.escapeJavaScript, which the service documents: quotes (single ones
 * too, which JSON does not accept), backslash and slash escaped, control characters as \b \t \n \f \r
 * or \u00XX, and every character above 0x7F as \uXXXX.
 */
export function escapeJavaScript(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  let escaped = '';
  // By UTF-16 unit, as Java's chars: a character beyond the BMP is two \uXXXX escapes.
  for (let index = 0; index < text.length; index++) escaped += escapeCode(text.charCodeAt(index));
  return escaped;
}

const SHORT_ESCAPES: Record<number, string> = {
  8: '\\b',
  9: '\\t',
  10: '\\n',
  12: '\\f',
  13: '\\r',
  34: '\\"',
  39: "\\'",
  47: '\\/',
  92: '\\\\',
};

function escapeCode(code: number): string {
  const short = SHORT_ESCAPES[code];
  if (short !== undefined) return short;
  if (code < 32 || code > 0x7f) return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return String.fromCharCode(code);
}

/** java.net.URLEncoder.encode(value, "UTF-8"): a space is `+`; `*`, `-`, `.` and `_` stay. */
export function urlEncode(value: unknown): string {
  return encodeURIComponent(String(value))
    .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** java.net.URLDecoder.decode(value, "UTF-8"): `+` is a space. */
export function urlDecode(value: unknown): string {
  return decodeURIComponent(String(value).replace(/\+/g, ' '));
}

export const util = {
  escapeJavaScript,
  urlEncode,
  urlDecode,
  base64Encode: (value: unknown): string => Buffer.from(String(value), 'utf8').toString('base64'),
  base64Decode: (value: unknown): string => Buffer.from(String(value), 'base64').toString('utf8'),
  parseJson: (value: unknown): unknown => JSON.parse(String(value)) as unknown,
};
