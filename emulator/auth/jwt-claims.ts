const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * The payload of a signed JWT (JWS compact form), decoded without verifying its signature (that
 * needs the issuer's keys, which are not fetched offline); undefined when it is not one. As the
 * service, it refuses what no signature check could pass: not three base64url parts, a header that
 * is not JSON or names no algorithm, `alg: none`, an empty signature.
 */
export function jwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.replace(/^Bearer /i, '').split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) return undefined;
  const [header, payload] = parts.map(decodedJson);
  const alg = header?.alg;
  if (typeof alg !== 'string' || alg === '' || alg.toLowerCase() === 'none') return undefined;
  return payload;
}

function decodedJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
