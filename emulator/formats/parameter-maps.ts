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

/**
 * Last value in the single map, every value in order in the multi map; null when there are none.
 * Every key is data, `__proto__` and `constructor` included: the maps are the plain objects
 * JSON.parse would give the function in Lambda, with each key an own property.
 */
export function pairsToMaps(pairs: [string, string][]): ParameterMaps {
  if (pairs.length === 0) return { single: null, multi: null };
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [key, value] of pairs) {
    setOwn(single, key, value);
    if (Object.hasOwn(multi, key)) multi[key]?.push(value);
    else setOwn(multi, key, [value]);
  }
  return { single, multi };
}

/** Sets an own property even where assignment would not (`__proto__` sets the prototype). */
function setOwn<T>(map: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__')
    Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}

/** A header's value in a single-value map whatever the case of its name; the last one when several match. */
export function findHeader(headers: Record<string, string> | null, name: string): string | undefined {
  if (headers === null) return undefined;
  let found: string | undefined;
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name) found = headers[key];
  return found;
}
