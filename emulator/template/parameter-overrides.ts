import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { TemplateError } from './template';

/**
 * `--parameter-overrides` as SAM CLI takes it: `Key=Value Key2="a value"` pairs, CloudFormation's
 * `ParameterKey=Key,ParameterValue=Value` form, in one string or several, and `file://params.json`
 * (or .yaml) holding a map of keys to values or CloudFormation's list of ParameterKey/ParameterValue.
 */
export function parseParameterOverrides(values: string[], known: string[]): Record<string, string> {
  const overrides: Record<string, string> = {};
  const set = (key: string, value: string): void => {
    if (!known.includes(key))
      throw new TemplateError(
        `--parameter-overrides: the template has no parameter ${key} (it has ${known.join(', ') || 'none'})`,
      );
    overrides[key] = value;
  };
  for (const text of values) {
    if (text.startsWith('file://')) {
      for (const [key, value] of fileOverrides(text.slice('file://'.length))) set(key, value);
      continue;
    }
    const tokens = text.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];
    for (const token of tokens) {
      const long = /^ParameterKey=([^,]+),ParameterValue=(.*)$/.exec(token);
      const short = /^([^=]+)=(.*)$/.exec(token);
      const [, key, raw] = long ?? short ?? [];
      if (key === undefined || raw === undefined)
        throw new TemplateError(`--parameter-overrides: "${token}" is not Key=Value`);
      set(key, raw.replace(/^"(.*)"$|^'(.*)'$/, '$1$2'));
    }
  }
  return overrides;
}

function fileOverrides(path: string): [string, string][] {
  let parsed: unknown;
  try {
    parsed = parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new TemplateError(
      `--parameter-overrides file://${path}: ${(error as Error).message.split('\n')[0] ?? ''}`,
    );
  }
  const text = (value: unknown): string =>
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  if (Array.isArray(parsed))
    return parsed.map((item) => {
      const { ParameterKey: key, ParameterValue: value } = (item ?? {}) as Record<string, unknown>;
      return [text(key), text(value)];
    });
  if (typeof parsed === 'object' && parsed !== null)
    return Object.entries(parsed).map(([key, value]) => [key, text(value)]);
  throw new TemplateError(`--parameter-overrides file://${path}: expected a map of parameters to values`);
}
