import { describeIntrinsic } from './intrinsics';

// Template property values as the readers take them: whatever shape the template gives, a value of
// the expected kind or an empty one, never a throw.

/** An object's properties; nothing for anything else (a list is no map). */
export const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** A map's string values (templates by content type, parameter mappings); others, such as unresolved intrinsics, left out. */
export const stringRecord = (value: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries(asRecord(value)).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );

/**
 * A scalar property as the text a function or an event gets: a string, number or boolean as text,
 * and a resource's `!Ref` as its logical id (what SAM CLI gives for a name only a stack assigns).
 */
export const scalarText = (value: unknown, resources: Record<string, unknown>): string | undefined => {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  const ref = (value as { Ref?: unknown } | null)?.Ref;
  return typeof ref === 'string' && Object.hasOwn(resources, ref) ? ref : undefined;
};

/** The strings of an array; nothing for anything else. */
export const stringArray = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** A list given as an array or as one comma-separated string, each item trimmed. */
export const stringList = (value: unknown): string[] =>
  (typeof value === 'string' ? value.split(',') : stringArray(value)).map((item) => item.trim());

/** SAM's quoted header values: `"'*'"` is `*`. */
export const unquote = (value: unknown): string | undefined =>
  typeof value === 'string' ? value.replace(/^'(.*)'$/, '$1') : undefined;

/**
 * A value that decides who gets in (a JWT issuer, audience or scope), as text even when only a
 * deployed stack knows it: then it is the expression as the template writes it, which no token
 * carries, so an unknown value refuses every request instead of letting every request in.
 */
export const guardText = (value: unknown): string =>
  typeof value === 'string' ? value : describeIntrinsic(value);

/** A list of such values, given as a list or one comma-separated string. */
export const guardList = (value: unknown): string[] =>
  value === undefined
    ? []
    : typeof value === 'string'
      ? stringList(value)
      : Array.isArray(value)
        ? value.map((item) => (typeof item === 'string' ? item.trim() : describeIntrinsic(item)))
        : [describeIntrinsic(value)];
