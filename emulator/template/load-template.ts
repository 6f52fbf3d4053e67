import type { Notice } from './notices';
import { parseParameterOverrides } from './parameter-overrides';
import { resolveTemplate } from './resolved-template';
import { readTemplate, type Template } from './template';
import { unresolvedNotices } from './unresolved-notices';

/**
 * A template file as the emulator serves it: read (with what the YAML reading had to say),
 * `--parameter-overrides` applied, resolved, and each value it reads but cannot know named.
 */
export function loadTemplate(
  path: string,
  parameterOverrides: string[] = [],
): { template: Template; notices: Notice[] } {
  const warnings: Notice[] = [];
  const written = readTemplate(path, (warning) => warnings.push(warning));
  const overrides = parseParameterOverrides(parameterOverrides, Object.keys(written.Parameters ?? {}));
  const { template, unresolved } = resolveTemplate(written, overrides);
  return { template, notices: [...warnings, ...unresolvedNotices(unresolved, template)] };
}
