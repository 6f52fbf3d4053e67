import { readFileSync } from 'node:fs';
import { parseDocument, type CollectionTag, type ScalarTag, type YAMLMap, type YAMLSeq } from 'yaml';
import type { BuildProperties } from './build-properties';
import type { Notice } from './notices';
import {
  clipFinalBlockScalar,
  duplicateKeys,
  openFlowStart,
  openQuoteStart,
  reindentFrom,
} from './pyyaml-leniency';

/** A CloudFormation/SAM template as plain data; intrinsic functions stay in their JSON form. */
export interface Template {
  Parameters?: Record<string, { Type?: unknown; Default?: unknown }>;
  Conditions?: Record<string, unknown>;
  Mappings?: Record<string, unknown>;
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
  Condition?: unknown;
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

/** `A.B.C` → `['A', 'B.C']`: a GetAtt's resource and attribute (which may itself hold dots). */
export function splitOnce(value: string): string[] {
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

/** Something the reading of a file accepted, as SAM CLI does, but said once: `template.yaml:4:3: …`. */
export type OnYamlWarning = (warning: Notice) => void;

/**
 * YAML (or JSON) with CloudFormation's short-form tags, as plain data, read as SAM CLI's PyYAML
 * reads it: a duplicate key is a warning (the last one wins), the continuation lines of a quoted
 * scalar or a flow collection may sit at any indentation. Anything else that is not YAML throws with `file:line:column`.
 */
export function parseCloudFormationYaml(text: string, source: string, onWarning?: OnYamlWarning): unknown {
  let current = text;
  // Each round re-indents one multi-line quoted scalar, so the rounds are bounded by the quotes.
  for (;;) {
    const document = parseDocument(current, {
      customTags: cloudFormationTags,
      prettyErrors: false,
      uniqueKeys: false,
    });
    const [error] = document.errors;
    const clipped = error === undefined ? clipFinalBlockScalar(document, current) : undefined;
    if (clipped !== undefined) {
      current = clipped;
      continue;
    }
    if (error === undefined) {
      for (const { key, offset } of duplicateKeys(document))
        onWarning?.({
          subject: `${source}:${lineAndColumn(current, offset)}`,
          text: `duplicate key ${key}: the last one is used, as SAM CLI reads it (cfn-lint reports it as E0000)`,
        });
      return document.toJS() as unknown;
    }
    const quote =
      error.code === 'MISSING_CHAR' ? /Missing closing (["'])quote/.exec(error.message)?.[1] : undefined;
    const start =
      quote === '"' || quote === "'"
        ? openQuoteStart(current, error.pos[0], quote)
        : error.code === 'BAD_INDENT' && /^Flow (map|sequence)/.test(error.message)
          ? openFlowStart(current, error.pos[0])
          : undefined;
    const reindented = start === undefined ? undefined : reindentFrom(current, start);
    if (reindented === undefined) {
      const message = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? '';
      throw new TemplateError(
        `${source}:${lineAndColumn(current, start ?? error.pos[0])} is not valid YAML: ${message}`,
      );
    }
    current = reindented;
  }
}

/** `line:column` of an offset, as editors jump to it. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  return `${before.split('\n').length}:${offset - before.lastIndexOf('\n')}`;
}

export function parseTemplate(text: string, source = 'template', onWarning?: OnYamlWarning): Template {
  const parsed = parseCloudFormationYaml(text, source, onWarning);
  const resources: unknown = (parsed as { Resources?: unknown } | null)?.Resources;
  if (typeof resources !== 'object' || resources === null) {
    throw new TemplateError(`${source} has no Resources section`);
  }
  return parsed as Template;
}

export function readTemplate(path: string, onWarning?: OnYamlWarning): Template {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new TemplateError(`cannot read template ${path}`);
  }
  return parseTemplate(text, path, onWarning);
}
