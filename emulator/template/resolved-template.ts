import { describeIntrinsic, intrinsicOf, Intrinsics, NO_VALUE, Unresolvable } from './intrinsics';
import type { Resource, Template } from './template';

/** A property whose value only a deployed stack knows: kept as the template writes it. */
export interface UnresolvedValue {
  /** The resource's logical id, or `Globals.Function`. */
  subject: string;
  /** The property's path in it: `Properties.Environment.Variables.TABLE`. */
  path: string[];
  expression: string;
  reason: string;
}

export interface ResolvedTemplate {
  template: Template;
  unresolved: UnresolvedValue[];
  /** Resources whose `Condition` is false: CloudFormation would not create them. */
  absent: string[];
}

/**
 * The template as SAM CLI reads it before serving it: parameters, pseudo parameters, mappings and
 * conditions evaluated in every resource and in Globals, resources whose Condition is false left
 * out, `AWS::NoValue` properties removed. A whole-value reference to a resource (`!Ref Api`,
 * `!GetAtt Api.RootResourceId`) stays a reference, since that is what the readers follow; inside a
 * string it becomes the logical id, and a function's `Arn` its local ARN.
 */
export function resolveTemplate(
  template: Template,
  overrides: Record<string, string> = {},
): ResolvedTemplate {
  const intrinsics = new Intrinsics(template, overrides);
  const unresolved: UnresolvedValue[] = [];
  const absent: string[] = [];
  const walker = (subject: string) => {
    const walk = (value: unknown, path: string[]): unknown => {
      if (Array.isArray(value))
        return value
          .map((item, index) => walk(item, [...path, String(index)]))
          .filter((item) => item !== NO_VALUE);
      const intrinsic = intrinsicOf(value);
      if (intrinsic === undefined) {
        if (typeof value !== 'object' || value === null) return value;
        const entries = Object.entries(value).map(
          ([key, item]) => [key, walk(item, [...path, key])] as const,
        );
        return Object.fromEntries(entries.filter(([, item]) => item !== NO_VALUE));
      }
      const [key, argument] = intrinsic;
      try {
        if (key === 'Ref' && typeof argument === 'string' && argument in template.Resources) return value;
        if (key === 'Fn::GetAtt' && isRootResourceId(argument)) return value;
        // AWS::Include is read where it is used (a local OpenAPI file); its Location is a value.
        if (key === 'Fn::Transform') return { [key]: walk(argument, [...path, key]) };
        if (key === 'Fn::If' && Array.isArray(argument))
          return walk(intrinsics.condition(argument[0]) ? argument[1] : argument[2], path);
        return intrinsics.evaluate(value);
      } catch (error) {
        if (!(error instanceof Unresolvable)) throw error;
        const written = describeIntrinsic(value);
        unresolved.push({
          subject,
          path,
          expression: error.expression === written ? written : `${written} (${error.expression})`,
          reason: error.reason,
        });
        return value;
      }
    };
    return walk;
  };

  const resources: Record<string, Resource> = {};
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Condition !== undefined) {
      try {
        if (!intrinsics.condition(resource.Condition)) {
          absent.push(id);
          continue;
        }
      } catch (error) {
        if (!(error instanceof Unresolvable)) throw error;
        unresolved.push({
          subject: id,
          path: ['Condition'],
          expression: error.expression,
          reason: error.reason,
        });
      }
    }
    resources[id] = walker(id)(resource, []) as Resource;
  }
  const globals = Object.fromEntries(
    Object.entries(template.Globals ?? {}).map(([section, value]) => [
      section,
      walker(`Globals.${section}`)(value, []),
    ]),
  );
  return {
    template: {
      ...template,
      ...(template.Globals === undefined ? {} : { Globals: globals }),
      Resources: resources,
    },
    unresolved,
    absent,
  };
}

function isRootResourceId(argument: unknown): boolean {
  return (
    (Array.isArray(argument) && argument[1] === 'RootResourceId') ||
    (typeof argument === 'string' && argument.endsWith('.RootResourceId'))
  );
}
