import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../shared/local-aws';
import { splitOnce, type Template } from './template';

// CloudFormation's intrinsic functions and conditions, evaluated as far as a template and its
// parameters decide them, the way SAM CLI's intrinsics resolver does before it reads a template.
// What only a deployed stack knows (an ImportValue, a table's ARN, a parameter without a Default)
// is never guessed: it is thrown as Unresolvable and the caller keeps the expression as written.

const PSEUDO_PARAMETERS: Record<string, string> = {
  'AWS::Region': LOCAL_REGION,
  'AWS::AccountId': LOCAL_ACCOUNT_ID,
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': 'local',
  'AWS::StackId': `arn:aws:cloudformation:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:stack/local/local`,
};

/** `Ref AWS::NoValue`: the property (or list item) it stands for is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

export const ONLY_IN_A_STACK = 'its value exists only in a deployed stack';

export class Unresolvable extends Error {
  override readonly name = 'Unresolvable';
  constructor(
    readonly expression: string,
    readonly reason: string,
  ) {
    super(`${expression}: ${reason}`);
  }
}

/** The resource types that are Lambda functions, whatever the emulator runs of them. */
export const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);

/** `{ "Fn::Sub": … }` → `['Fn::Sub', …]`: the one key of an intrinsic function, else undefined. */
export function intrinsicOf(value: unknown): [string, unknown] | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  const key = keys[0];
  if (keys.length !== 1 || key === undefined || !(key === 'Ref' || key.startsWith('Fn::'))) return undefined;
  return [key, (value as Record<string, unknown>)[key]];
}

/** An intrinsic as the template's short form writes it, for messages: `!GetAtt Table.Arn`. */
export function describeIntrinsic(value: unknown): string {
  const intrinsic = intrinsicOf(value);
  if (intrinsic === undefined) return JSON.stringify(value);
  const [key, argument] = intrinsic;
  const name = key.replace(/^Fn::/, '');
  if (key === 'Fn::GetAtt' && Array.isArray(argument)) return `!GetAtt ${argument.map(String).join('.')}`;
  const text = typeof argument === 'string' ? argument : JSON.stringify(argument);
  return `!${name} ${text.length > 100 ? `${text.slice(0, 97)}...` : text}`;
}

/**
 * Evaluates intrinsic functions and conditions over one template and its parameter values
 * (`--parameter-overrides`, then each parameter's Default).
 */
export class Intrinsics {
  private readonly conditions = new Map<string, boolean>();
  private readonly evaluating = new Set<string>();

  constructor(
    private readonly template: Template,
    private readonly overrides: Record<string, string> = {},
  ) {}

  /** A value with every intrinsic in it evaluated; throws Unresolvable. */
  evaluate(value: unknown): unknown {
    if (Array.isArray(value))
      return value.map((item) => this.evaluate(item)).filter((item) => item !== NO_VALUE);
    const intrinsic = intrinsicOf(value);
    if (intrinsic !== undefined) return this.call(intrinsic[0], intrinsic[1], value);
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value).map(([key, item]) => [key, this.evaluate(item)] as const);
    return Object.fromEntries(entries.filter(([, item]) => item !== NO_VALUE));
  }

  /** A named condition of the template's `Conditions`. */
  condition(name: unknown): boolean {
    if (typeof name !== 'string')
      throw new Unresolvable(JSON.stringify(name), 'a condition is named by a string');
    const known = this.conditions.get(name);
    if (known !== undefined) return known;
    const definition = this.template.Conditions?.[name];
    if (definition === undefined)
      throw new Unresolvable(`Condition ${name}`, `the template has no condition ${name}`);
    if (this.evaluating.has(name))
      throw new Unresolvable(`Condition ${name}`, 'the condition refers to itself');
    this.evaluating.add(name);
    try {
      const result = this.truth(definition);
      this.conditions.set(name, result);
      return result;
    } finally {
      this.evaluating.delete(name);
    }
  }

  /** A condition function's value: Fn::Equals/And/Or/Not or `{ Condition: name }`. */
  private truth(value: unknown): boolean {
    const named = (value as { Condition?: unknown } | null)?.Condition;
    if (typeof value === 'object' && value !== null && Object.keys(value).length === 1 && named !== undefined)
      return this.condition(named);
    const result = this.evaluate(value);
    if (typeof result === 'boolean') return result;
    if (result === 'true' || result === 'false') return result === 'true';
    throw new Unresolvable(
      describeIntrinsic(value),
      'a condition must be Fn::Equals, And, Or, Not or Condition',
    );
  }

  private call(key: string, argument: unknown, whole: unknown): unknown {
    const args = (count: number): unknown[] => {
      if (!Array.isArray(argument) || argument.length < count)
        throw new Unresolvable(describeIntrinsic(whole), `${key} takes a list of ${count}`);
      return argument;
    };
    switch (key) {
      case 'Ref':
        return this.ref(argument);
      case 'Fn::Sub':
        return this.sub(argument, whole);
      case 'Fn::GetAtt':
        return this.getAtt(argument, whole);
      case 'Fn::Join': {
        const [delimiter, items] = args(2);
        return this.list(items, whole)
          .map((item) => this.text(item, whole))
          .join(this.text(delimiter, whole));
      }
      case 'Fn::Select': {
        const [index, items] = args(2);
        const list = this.list(items, whole);
        const position = Number(this.evaluate(index));
        if (!Number.isInteger(position) || position < 0 || position >= list.length)
          throw new Unresolvable(describeIntrinsic(whole), `index ${String(position)} is outside the list`);
        return list[position];
      }
      case 'Fn::Split': {
        const [delimiter, text] = args(2);
        return this.text(this.evaluate(text), whole).split(this.text(delimiter, whole));
      }
      case 'Fn::FindInMap':
        return this.findInMap(args(3), whole);
      case 'Fn::If': {
        const [condition, ifTrue, ifFalse] = args(3);
        return this.evaluate(this.condition(condition) ? ifTrue : ifFalse);
      }
      case 'Fn::Equals': {
        const [left, right] = args(2).map((item) => this.evaluate(item));
        return JSON.stringify(normalised(left)) === JSON.stringify(normalised(right));
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const values = args(1).map((item) => this.truth(item));
        return key === 'Fn::And' ? values.every(Boolean) : values.some(Boolean);
      }
      case 'Fn::Not':
        return !this.truth(args(1)[0]);
      case 'Fn::Base64':
        return Buffer.from(this.text(this.evaluate(argument), whole)).toString('base64');
      case 'Fn::ToJsonString':
        return JSON.stringify(this.evaluate(argument));
      case 'Fn::Length':
        return this.list(argument, whole).length;
      default:
        // Fn::ImportValue, Fn::GetAZs, Fn::Cidr, Fn::Transform: a stack's or a macro's.
        throw new Unresolvable(describeIntrinsic(whole), ONLY_IN_A_STACK);
    }
  }

  private ref(name: unknown): unknown {
    if (typeof name !== 'string') throw new Unresolvable(`!Ref ${JSON.stringify(name)}`, 'Ref takes a name');
    if (name === 'AWS::NoValue') return NO_VALUE;
    const parameter = this.template.Parameters?.[name];
    if (parameter !== undefined) return this.parameter(name, parameter);
    const pseudo = PSEUDO_PARAMETERS[name];
    if (pseudo !== undefined) return pseudo;
    if (name.startsWith('AWS::')) throw new Unresolvable(`!Ref ${name}`, ONLY_IN_A_STACK);
    const dot = name.indexOf('.');
    if (dot > 0) return this.getAtt([name.slice(0, dot), name.slice(dot + 1)], { Ref: name });
    // A resource's Ref is its physical name, which SAM CLI takes to be the logical id.
    if (name in this.template.Resources) return name;
    throw new Unresolvable(`!Ref ${name}`, `the template has no parameter or resource ${name}`);
  }

  private parameter(name: string, parameter: { Type?: unknown; Default?: unknown }): unknown {
    const given = this.overrides[name];
    const type = typeof parameter.Type === 'string' ? parameter.Type : 'String';
    if (given === undefined && type.startsWith('AWS::SSM::Parameter::Value'))
      throw new Unresolvable(
        `!Ref ${name}`,
        `parameter ${name} is read from SSM in a deployed stack: give its value with --parameter-overrides ${name}=...`,
      );
    const value = given ?? parameter.Default;
    if (value === undefined || value === null)
      throw new Unresolvable(
        `!Ref ${name}`,
        `parameter ${name} has no Default: give it with --parameter-overrides ${name}=...`,
      );
    const text = Array.isArray(value) ? value.map(String).join(',') : scalar(value);
    return type === 'CommaDelimitedList' || type.startsWith('List<')
      ? text.split(',').map((item) => item.trim())
      : text;
  }

  private getAtt(argument: unknown, whole: unknown): unknown {
    const [id, attribute] =
      typeof argument === 'string'
        ? splitOnce(argument)
        : Array.isArray(argument)
          ? argument.map((a) => this.evaluate(a))
          : [];
    if (typeof id !== 'string' || typeof attribute !== 'string')
      throw new Unresolvable(describeIntrinsic(whole), 'GetAtt takes a resource and an attribute');
    const resource = this.template.Resources[id];
    if (resource === undefined)
      throw new Unresolvable(describeIntrinsic(whole), `the template has no resource ${id}`);
    // A function runs here, so its ARN is known: the local account's, with its name.
    if (attribute === 'Arn' && FUNCTION_TYPES.has(resource.Type)) return this.functionArn(id);
    // SAM's `Fn.Alias` of an AutoPublishAlias: the alias's ARN, which runs the same local code.
    const alias = attribute === 'Alias' ? this.evaluate(resource.Properties?.AutoPublishAlias) : undefined;
    if (attribute === 'Alias' && typeof alias === 'string') return `${this.functionArn(id)}:${alias}`;
    throw new Unresolvable(`!GetAtt ${id}.${attribute}`, ONLY_IN_A_STACK);
  }

  /** A function's ARN in the local account: its FunctionName when the template gives one. */
  functionArn(id: string): string {
    const given = this.template.Resources[id]?.Properties?.FunctionName;
    let name = id;
    if (given !== undefined) {
      const value = this.evaluate(given);
      if (typeof value === 'string') name = value;
    }
    return `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:${name}`;
  }

  private sub(argument: unknown, whole: unknown): string {
    const parts: unknown[] = Array.isArray(argument) ? (argument as unknown[]) : [argument, {}];
    const [text, variables] = parts;
    if (typeof text !== 'string') throw new Unresolvable(describeIntrinsic(whole), 'Sub takes a string');
    const own = (variables ?? {}) as Record<string, unknown>;
    return text.replace(/\$\{([^}]*)\}/g, (_whole, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      const trimmed = name.trim();
      if (Object.hasOwn(own, trimmed)) return this.text(this.evaluate(own[trimmed]), whole);
      const dot = trimmed.indexOf('.');
      if (dot > 0 && !(trimmed in (this.template.Parameters ?? {})))
        return this.text(this.getAtt([trimmed.slice(0, dot), trimmed.slice(dot + 1)], whole), whole);
      return this.text(this.ref(trimmed), whole);
    });
  }

  private findInMap(args: unknown[], whole: unknown): unknown {
    const [mapName, topKey, secondKey, options] = args.map((item, index) =>
      index === 3 ? item : this.evaluate(item),
    );
    const found = (
      this.template.Mappings?.[String(mapName)] as Record<string, Record<string, unknown>> | undefined
    )?.[String(topKey)]?.[String(secondKey)];
    if (found !== undefined) return found;
    // AWS::LanguageExtensions' DefaultValue, when the keys are not in the map.
    const fallback = (options as { DefaultValue?: unknown } | undefined)?.DefaultValue;
    if (fallback !== undefined) return this.evaluate(fallback);
    throw new Unresolvable(
      describeIntrinsic(whole),
      `Mappings has no ${String(mapName)}.${String(topKey)}.${String(secondKey)}`,
    );
  }

  private list(value: unknown, whole: unknown): unknown[] {
    const list = this.evaluate(value);
    if (!Array.isArray(list)) throw new Unresolvable(describeIntrinsic(whole), 'a list was expected');
    return list;
  }

  private text(value: unknown, whole: unknown): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw new Unresolvable(describeIntrinsic(whole), `${JSON.stringify(value)} is not a string`);
  }
}

/** A parameter's value as text: YAML may have read `Default: 8080` as a number. */
function scalar(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
}

/** Fn::Equals compares what the template means: `8080` and `"8080"` are equal, as in CloudFormation. */
function normalised(value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? value.map(normalised) : value;
}
