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
  // AWS::LanguageExtensions' loops make resources only CloudFormation expands.
  const loops = Object.keys(template.Resources)
    .filter((id) => id.startsWith('Fn::ForEach::'))
    .map((id) => ({
      subject: id,
      text: 'Fn::ForEach is not expanded locally: the resources it makes are not served',
    }));
  return { template, notices: [...warnings, ...loops, ...unresolvedNotices(unresolved, template)] };
}
