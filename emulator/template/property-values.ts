// Template property values as the readers take them: whatever shape the template gives, a value of
// the expected kind or an empty one, never a throw.

export const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

/** The strings of an array; nothing for anything else. */
export const stringArray = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** A list given as an array or as one comma-separated string, each item trimmed. */
export const stringList = (value: unknown): string[] =>
  (typeof value === 'string' ? value.split(',') : stringArray(value)).map((item) => item.trim());

/** SAM's quoted header values: `"'*'"` is `*`. */
export const unquote = (value: unknown): string | undefined =>
  typeof value === 'string' ? value.replace(/^'(.*)'$/, '$1') : undefined;
