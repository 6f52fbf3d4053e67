import { TemplateError } from './template';

/**
 * `--parameter-overrides` as `sam local` takes it: `Key=Value Key2="a value"`, or CloudFormation's
 * `ParameterKey=Key,ParameterValue=Value` form, in one string or several.
 */
export function parseParameterOverrides(values: string[], known: string[]): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const text of values) {
    const tokens = text.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];
    for (const token of tokens) {
      const long = /^ParameterKey=([^,]+),ParameterValue=(.*)$/.exec(token);
      const short = /^([^=]+)=(.*)$/.exec(token);
      const [, key, raw] = long ?? short ?? [];
      if (key === undefined || raw === undefined)
        throw new TemplateError(`--parameter-overrides: "${token}" is not Key=Value`);
      if (!known.includes(key))
        throw new TemplateError(
          `--parameter-overrides: the template has no parameter ${key} (it has ${known.join(', ') || 'none'})`,
        );
      overrides[key] = raw.replace(/^"(.*)"$|^'(.*)'$/, '$1$2');
    }
  }
  return overrides;
}
