// An authorizer's IAM policy, evaluated as API Gateway evaluates it against the method ARN: an
// explicit Deny wins over any Allow, and without a matching Allow the method is not allowed.
import { wildcardMatch } from './iam-wildcards';

export type PolicyVerdict = (
  { effect: 'allow'; statement: number } | { effect: 'deny'; statement: number } | { effect: 'no-allow' }
) & {
  /** A statement that applied had a Condition, which is not evaluated here (see evaluatePolicy). */
  conditioned: boolean;
};

/**
 * What a resource policy's evaluation knows of the request: whether a statement's Principal names the
 * caller, and a Condition's value when its keys are known locally (undefined when they are not).
 */
export interface PolicyContext {
  principal: (principal: unknown) => boolean;
  condition: (condition: Record<string, unknown>) => boolean | undefined;
}

/** What API Gateway checks an Allow or a Deny against: invoking the method. */
const INVOKE = 'execute-api:invoke';

/** Why a policy cannot be evaluated, or undefined when it is well formed. */
export function malformedPolicy(policy: unknown): string | undefined {
  const statements = statementsOf(policy);
  if (statements === undefined) return 'policyDocument has no Statement';
  for (const statement of statements) {
    if (typeof statement !== 'object' || statement === null) return 'a Statement is not an object';
    const {
      Effect: effect,
      Resource: resource,
      NotResource: notResource,
    } = statement as Record<string, unknown>;
    if (typeof effect !== 'string' || !['allow', 'deny'].includes(effect.toLowerCase()))
      return 'a Statement has no Effect Allow or Deny';
    if (toList(resource).length === 0 && toList(notResource).length === 0)
      return 'a Statement has no Resource or NotResource';
  }
  return undefined;
}

/**
 * The policy's verdict for invoking `methodArn`, as IAM evaluates Action/NotAction (actions compared
 * without regard to case) and Resource/NotResource (ARN wildcards within segments). A Condition
 * cannot be evaluated here (its keys are the request's, as AWS sees it): a statement with one never
 * allows, and denies when it would deny without it; the verdict says that one applied.
 */
export function evaluatePolicy(policy: unknown, methodArn: string, context?: PolicyContext): PolicyVerdict {
  const statements = statementsOf(policy) ?? [];
  let allowed: number | undefined;
  let conditioned = false;
  for (const [index, item] of statements.entries()) {
    const statement = item as Record<string, unknown>;
    if (!appliesTo(statement, methodArn)) continue;
    if (context !== undefined && !context.principal(statement.Principal)) continue;
    const condition = statement.Condition;
    const known =
      context !== undefined && hasCondition(condition)
        ? context.condition(condition as Record<string, unknown>)
        : undefined;
    if (known === false) continue;
    const conditional = known === undefined && hasCondition(condition);
    conditioned ||= conditional;
    const effect = typeof statement.Effect === 'string' ? statement.Effect.toLowerCase() : '';
    if (effect === 'deny') return { effect: 'deny', statement: index, conditioned };
    if (!conditional) allowed ??= index;
  }
  return allowed === undefined
    ? { effect: 'no-allow', conditioned }
    : { effect: 'allow', statement: allowed, conditioned };
}

function appliesTo(statement: Record<string, unknown>, methodArn: string): boolean {
  const { Action: action, NotAction: notAction, Resource: resource, NotResource: notResource } = statement;
  const invoking = (patterns: unknown): boolean =>
    toList(patterns).some((pattern) => wildcardMatch(pattern.toLowerCase(), INVOKE));
  const naming = (patterns: unknown): boolean =>
    toList(patterns).some((pattern) => wildcardMatch(pattern, methodArn, true));
  const actionApplies =
    action !== undefined ? invoking(action) : notAction !== undefined ? !invoking(notAction) : true;
  if (!actionApplies) return false;
  return resource !== undefined ? naming(resource) : !naming(notResource);
}

function hasCondition(condition: unknown): boolean {
  return typeof condition === 'object' && condition !== null && Object.keys(condition).length > 0;
}

function statementsOf(policy: unknown): unknown[] | undefined {
  const statement = (policy as { Statement?: unknown } | null)?.Statement;
  if (statement === undefined || statement === null) return undefined;
  return Array.isArray(statement) ? (statement as unknown[]) : [statement];
}

function toList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.filter((item): item is string => typeof item === 'string');
}
