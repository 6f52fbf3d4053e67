import type { GreetingInput } from './greeting';

export const MAX_FIELD_LENGTH = 100;

/** Input the caller can fix; it becomes a 4xx reply, never a 5xx. */
export class BadRequest extends Error {
  override readonly name = 'BadRequest';
}

/**
 * The rules every transport (REST, WebSocket) applies to one greeting field: absent, empty or
 * whitespace-only means "not given"; anything else must be a string of at most 100 code points.
 */
export function readField(field: keyof GreetingInput, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new BadRequest(`"${field}" must be a string, not ${describeType(value)}`);
  }
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  // Count code points, not UTF-16 units, so an emoji counts as one character.
  if (hasMoreCodePointsThan(trimmed, MAX_FIELD_LENGTH)) {
    throw new BadRequest(`"${field}" must be at most ${MAX_FIELD_LENGTH} characters`);
  }
  return trimmed;
}

/** Parses a JSON text that must hold an object, naming `what` it was in the error. */
export function parseJsonObject(text: string, what: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadRequest(`${what} is not valid JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BadRequest(`${what} must be a JSON object, not ${describeType(parsed)}`);
  }
  return parsed as Record<string, unknown>;
}

/** Reads `field` from a parsed JSON object, ignoring anything inherited. */
export function ownField(object: Record<string, unknown>, field: keyof GreetingInput): unknown {
  return Object.hasOwn(object, field) ? object[field] : undefined;
}

function hasMoreCodePointsThan(text: string, limit: number): boolean {
  if (text.length <= limit) return false; // a string never has more code points than UTF-16 units
  const codePoints = text[Symbol.iterator]();
  for (let seen = 0; seen < limit; seen++) codePoints.next();
  return codePoints.next().done !== true;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' || type === 'undefined' ? `an ${type}` : `a ${type}`;
}
