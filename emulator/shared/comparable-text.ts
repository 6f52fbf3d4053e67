/**
 * A value as text that is equal exactly when two values are: maps and sets by their entries,
 * functions left out (they are derived from the data beside them).
 */
export function comparableText(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item instanceof Map) return { map: [...item.entries()] };
    if (item instanceof Set) return { set: [...item.values()] };
    if (typeof item === 'function') return undefined;
    return item;
  });
}
