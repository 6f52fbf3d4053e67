import { jwtClaims } from './jwt-claims';

export interface JwtSettings {
  issuer?: string;
  audience: string[];
}

export type JwtVerdict =
  | { valid: true; claims: Record<string, string>; scopes: string[] | null }
  | { valid: false; statusCode: 401 | 403; why: string };

/**
 * An HTTP API's JWT authorizer, except the signature (no JWKS offline): the token with or without
 * `Bearer `, then `iss`, `aud` (or `client_id`), `exp`, `nbf` and `iat`, then the route's scopes
 * against `scope` or `scp`.
 */
export function validateJwt(
  token: string | undefined,
  settings: JwtSettings,
  routeScopes: string[],
  now = Date.now(),
): JwtVerdict {
  if (token === undefined || token.trim() === '') return { valid: false, statusCode: 401, why: 'no token' };
  const claims = jwtClaims(token.replace(/^Bearer\s+/i, ''));
  if (claims === undefined) return { valid: false, statusCode: 401, why: 'the token is not a JWT' };
  const seconds = now / 1000;
  if (settings.issuer !== undefined && claims.iss !== settings.issuer)
    return {
      valid: false,
      statusCode: 401,
      why: `iss ${JSON.stringify(claims.iss)} is not ${settings.issuer}`,
    };
  const audiences = [claims.aud, claims.client_id]
    .flat()
    .filter((value): value is string => typeof value === 'string');
  if (settings.audience.length > 0 && !audiences.some((audience) => settings.audience.includes(audience)))
    return {
      valid: false,
      statusCode: 401,
      why: 'neither aud nor client_id is an audience of the authorizer',
    };
  if (typeof claims.exp !== 'number' || claims.exp <= seconds)
    return { valid: false, statusCode: 401, why: 'the token has expired' };
  if (typeof claims.nbf === 'number' && claims.nbf > seconds)
    return { valid: false, statusCode: 401, why: 'the token is not valid yet (nbf)' };
  if (typeof claims.iat === 'number' && claims.iat > seconds)
    return { valid: false, statusCode: 401, why: 'the token was issued in the future (iat)' };
  const granted =
    typeof claims.scope === 'string'
      ? claims.scope.split(' ')
      : [claims.scp].flat().filter((value): value is string => typeof value === 'string');
  if (routeScopes.length > 0 && !routeScopes.some((scope) => granted.includes(scope)))
    return {
      valid: false,
      statusCode: 403,
      why: `the token has none of the route's scopes ${routeScopes.join(', ')}`,
    };
  const asText = Object.fromEntries(Object.entries(claims).map(([name, value]) => [name, claimText(value)]));
  return { valid: true, claims: asText, scopes: routeScopes.length > 0 ? granted : null };
}

/**
 * A claim as HTTP APIs put it in `requestContext.authorizer.jwt.claims`: every value a string, a
 * number or boolean as its text, a list as `[a b c]` (`"groups": "[admins users]"`); an object, which
 * the documentation does not show, as its JSON.
 */
export function claimText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(claimText).join(' ')}]`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
