import { selectJsonPath } from './jsonpath';
import { util } from './util-functions';

/** What a mapping template can read of a request, or of an integration's response. */
export interface MappingInput {
  /** `$input.body`: the payload as text. */
  body: string;
  /** The method request's parameters, for `$input.params()`. */
  params: {
    path: Record<string, string>;
    querystring: Record<string, string>;
    header: Record<string, string>;
  };
  /** `$context`: the request's context variables; `responseOverride` is added for each template. */
  context: Record<string, unknown>;
  stageVariables: Record<string, string>;
}

/** The body as JSON could not be parsed: API Gateway answers 400 for a request body. */
export class UnparsableBody extends Error {}

/** The variables a template sees: `$input`, `$context`, `$stageVariables`, `$util`. */
export function mappingVariables(
  input: MappingInput,
  responseOverride: { status?: unknown; header: Record<string, unknown> },
): Record<string, unknown> {
  let parsed: { value: unknown } | undefined;
  const json = (): unknown => {
    if (parsed !== undefined) return parsed.value;
    try {
      parsed = { value: input.body.trim() === '' ? {} : (JSON.parse(input.body) as unknown) };
    } catch (error) {
      throw new UnparsableBody(`Could not parse request body into json: ${(error as Error).message}`);
    }
    return parsed.value;
  };
  const { params } = input;
  return {
    input: {
      body: input.body,
      // A path that selects nothing gives an empty string, as a missing parameter does.
      path: (path: unknown): unknown => selectJsonPath(json(), String(path)) ?? '',
      json: (path: unknown): string => {
        const value = selectJsonPath(json(), String(path));
        return value === undefined ? '' : JSON.stringify(value);
      },
      params: (name?: unknown): unknown => {
        if (name === undefined) return params;
        const key = typeof name === 'string' ? name : JSON.stringify(name);
        for (const group of [params.path, params.querystring, params.header])
          if (Object.hasOwn(group, key)) return group[key];
        return '';
      },
    },
    context: { ...input.context, responseOverride },
    stageVariables: input.stageVariables,
    util,
  };
}

/** A request context as `$context` shows it: null values render as empty strings. */
export function contextVariables(value: unknown): Record<string, unknown> {
  const withoutNulls = (item: unknown): unknown => {
    if (item === null || item === undefined) return '';
    if (typeof item !== 'object' || Array.isArray(item)) return item;
    return Object.fromEntries(Object.entries(item).map(([key, inner]) => [key, withoutNulls(inner)]));
  };
  const converted = withoutNulls(value);
  return typeof converted === 'object' && converted !== null ? (converted as Record<string, unknown>) : {};
}
