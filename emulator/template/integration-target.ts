import { FUNCTION_TYPES } from './intrinsics';
import type { Template } from './template';

/** Each template's function names, worked out once however many URIs are read. */
const namesOf = new WeakMap<Template, Map<string, string>>();

/**
 * The function a Lambda integration URI, authorizer URI or quick-create Target names, in every
 * documented form once the template is resolved: the API Gateway invocation URI
 * (`arn:aws:apigateway:…:lambda:path/2015-03-31/functions/<function ARN>/invocations`, or
 * `path/2021-11-15/…/response-streaming-invocations` for a streamed REST response), a plain
 * function ARN, either with an alias or version qualifier, and the function named by its logical id
 * or its `FunctionName`. A definition file read as it is (AWS::Include) may still hold
 * `${Fn.Arn}` or `Fn::GetAtt: [Fn, Arn]`. Undefined when it names none of this template's functions.
 */
export function functionOfUri(uri: unknown, template: Template): string | undefined {
  const byName = functionNames(template);
  const ref = (uri as { Ref?: unknown } | null)?.Ref;
  if (typeof ref === 'string') return byName.get(ref);
  const text = typeof uri === 'string' ? uri : JSON.stringify(uri ?? null);
  const name =
    /^(?:arn:[^/]*:apigateway:[^/]*:lambda:path\/[\d-]+\/functions\/)?arn:[^/]*:lambda:[^/]*:function:([^/:]+)(?::[^/:]+)?(?:\/(?:response-streaming-)?invocations)?$/.exec(
      text,
    )?.[1] ??
    /\$\{([A-Za-z0-9]+)\.Arn\}/.exec(text)?.[1] ??
    /"Fn::GetAtt":\["([A-Za-z0-9]+)","Arn"\]/.exec(text)?.[1];
  return name === undefined ? undefined : byName.get(name);
}

/** Each function's logical id, and its FunctionName where the template gives one, → its logical id. */
function functionNames(template: Template): Map<string, string> {
  const known = namesOf.get(template);
  if (known !== undefined) return known;
  const names = new Map<string, string>();
  namesOf.set(template, names);
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (!FUNCTION_TYPES.has(resource.Type)) continue;
    names.set(id, id);
    const name = resource.Properties?.FunctionName;
    if (typeof name === 'string' && !names.has(name)) names.set(name, id);
  }
  return names;
}

/** The integration a route's `Target` names: `integrations/<IntegrationId>`, however it was joined. */
export function integrationOfTarget(target: unknown): string | undefined {
  return typeof target === 'string' ? /^integrations\/([A-Za-z0-9]+)$/.exec(target)?.[1] : undefined;
}
