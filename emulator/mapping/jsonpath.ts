import { JSONPath } from 'jsonpath-plus';

/**
 * The value a JSONPath expression (`$`, `$.pets[0].name`, `$['a b']`, `$..id`) selects in a parsed
 * JSON value, as `$input.path` gives it: one match is the value itself, several are a list, none is
 * undefined.
 */
export function selectJsonPath(json: unknown, path: string): unknown {
  if (path === '$' || path === '') return json;
  if (typeof json !== 'object' || json === null) return undefined;
  return JSONPath({ path, json, wrap: false, eval: false });
}
