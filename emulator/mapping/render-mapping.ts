import { Compile, parse } from 'velocityjs';
import { JAVA_STRING_METHODS } from './java-strings';
import { mappingVariables, type MappingInput } from './mapping-variables';

/** What a template produced, and the status and headers it set through `$context.responseOverride`. */
export interface MappingOutput {
  output: string;
  statusOverride?: number;
  headerOverrides: Record<string, string>;
}

/** Compiled templates by their text: a template is parsed once, however many requests use it. */
const compiled = new Map<string, Compile>();

function compile(template: string): Compile {
  let known = compiled.get(template);
  if (known === undefined) {
    known = new Compile(parse(template), { customMethodHandlers: JAVA_STRING_METHODS });
    compiled.set(template, known);
  }
  return known;
}

/**
 * Evaluates a mapping template (Velocity) as API Gateway does, with its variables. Throws
 * UnparsableBody when the template reads a body that is not JSON, and the engine's error for a
 * template it cannot parse.
 */
export function renderMapping(template: string, input: MappingInput): MappingOutput {
  const responseOverride: { status?: unknown; header: Record<string, unknown> } = { header: {} };
  const output = compile(template).render(mappingVariables(input, responseOverride));
  const status = Number(responseOverride.status);
  const headerOverrides: Record<string, string> = {};
  for (const [name, value] of Object.entries(responseOverride.header))
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      headerOverrides[name] = String(value);
  return {
    output,
    ...(Number.isInteger(status) && status >= 100 && status <= 599 ? { statusOverride: status } : {}),
    headerOverrides,
  };
}
