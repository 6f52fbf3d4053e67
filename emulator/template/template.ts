import { readFileSync } from 'node:fs';
import { parse, type CollectionTag, type ScalarTag, type YAMLMap, type YAMLSeq } from 'yaml';
import type { BuildProperties } from './build-properties';

/** A CloudFormation/SAM template as plain data; intrinsic functions stay in their JSON form. */
export interface Template {
  Parameters?: Record<string, { Default?: unknown }>;
  Globals?: {
    Function?: Record<string, unknown>;
    Api?: Record<string, unknown>;
    HttpApi?: Record<string, unknown>;
  };
  Resources: Record<string, Resource>;
  Outputs?: Record<string, { Value: unknown }>;
}

export interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: { BuildMethod?: string; BuildProperties?: BuildProperties } & Record<string, unknown>;
}

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

const INTRINSICS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
  'ToJsonString',
  'Length',
] as const;

// The short forms (`!Ref X`, `!GetAtt A.B`, `!Sub [...]`) become the long JSON forms CloudFormation
// itself would see, so the rest of the code deals with one shape only.
const cloudFormationTags: (ScalarTag | CollectionTag)[] = [
  { tag: '!Ref', resolve: (value: string) => ({ Ref: value }) },
  { tag: '!Condition', resolve: (value: string) => ({ Condition: value }) },
  { tag: '!GetAtt', resolve: (value: string) => ({ 'Fn::GetAtt': splitOnce(value) }) },
  ...INTRINSICS.flatMap((name) => [
    { tag: `!${name}`, resolve: (value: string) => ({ [`Fn::${name}`]: value }) },
    ...(['seq', 'map'] as const).map((collection) => ({
      tag: `!${name}`,
      collection,
      resolve: (node: YAMLSeq | YAMLMap) => ({ [`Fn::${name}`]: node.toJSON() as unknown }),
    })),
  ]),
];

function splitOnce(value: string): string[] {
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

/** YAML (or JSON) with CloudFormation's short-form tags, as plain data. */
export function parseCloudFormationYaml(text: string, source: string): unknown {
  try {
    return parse(text, { customTags: cloudFormationTags, prettyErrors: false }) as unknown;
  } catch (error) {
    // The yaml library says where: `source:line:column` is what editors jump to.
    const offset = (error as { pos?: number[] }).pos?.[0];
    const before = offset === undefined ? undefined : text.slice(0, offset);
    const where =
      before === undefined
        ? source
        : `${source}:${before.split('\n').length}:${offset === undefined ? 0 : offset - before.lastIndexOf('\n')}`;
    const message = (error as Error).message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? '';
    throw new TemplateError(`${where} is not valid YAML: ${message}`);
  }
}

export function parseTemplate(text: string, source = 'template'): Template {
  const parsed = parseCloudFormationYaml(text, source);
  const resources: unknown = (parsed as { Resources?: unknown } | null)?.Resources;
  if (typeof resources !== 'object' || resources === null) {
    throw new TemplateError(`${source} has no Resources section`);
  }
  return parsed as Template;
}

export function readTemplate(path: string): Template {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new TemplateError(`cannot read template ${path}`);
  }
  return parseTemplate(text, path);
}
