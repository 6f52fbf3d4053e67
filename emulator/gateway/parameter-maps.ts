// Headers and query strings as API Gateway puts them in events: a single-value map and a
// multi-value map.

export interface ParameterMaps {
  single: Record<string, string> | null;
  multi: Record<string, string[]> | null;
}

/** Node's raw header list as [name, value] pairs, in order, names as the client spelt them. */
export function headerPairs(rawHeaders: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    pairs.push([rawHeaders[index] ?? '', rawHeaders[index + 1] ?? '']);
  }
  return pairs;
}

/** Last value in the single map, every value in order in the multi map; null when there are none. */
export function pairsToMaps(pairs: [string, string][]): ParameterMaps {
  if (pairs.length === 0) return { single: null, multi: null };
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [key, value] of pairs) {
    single[key] = value;
    (multi[key] ??= []).push(value);
  }
  return { single, multi };
}

/** A header's value in a single-value map whatever the case of its name; the last one when several match. */
export function findHeader(headers: Record<string, string> | null, name: string): string | undefined {
  if (headers === null) return undefined;
  let found: string | undefined;
  for (const key in headers) if (key.toLowerCase() === name) found = headers[key];
  return found;
}
