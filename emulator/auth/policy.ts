// An authorizer's IAM policy, evaluated as API Gateway evaluates it against the method ARN.

export type PolicyVerdict =
  { effect: 'allow'; statement: number } | { effect: 'deny'; statement: number } | { effect: 'no-allow' };

/** Why a policy cannot be evaluated, or undefined when it is well formed. */
export function malformedPolicy(policy: unknown): string | undefined {
  const statements = statementsOf(policy);
  if (statements === undefined) return 'policyDocument has no Statement';
  for (const statement of statements) {
    if (typeof statement !== 'object' || statement === null) return 'a Statement is not an object';
    const { Effect: effect, Resource: resource } = statement as Record<string, unknown>;
    if (typeof effect !== 'string' || !['allow', 'deny'].includes(effect.toLowerCase()))
      return 'a Statement has no Effect Allow or Deny';
    if (toList(resource).length === 0) return 'a Statement has no Resource';
  }
  return undefined;
}

/** An explicit Deny wins over any Allow; without a matching Allow the method is not allowed. */
export function evaluatePolicy(policy: unknown, methodArn: string): PolicyVerdict {
  const statements = statementsOf(policy) ?? [];
  let allowed: number | undefined;
  for (const [index, statement] of statements.entries()) {
    const { Effect: effect, Action: action, Resource: resource } = statement as Record<string, unknown>;
    const invokes =
      action === undefined || toList(action).some((item) => matches(item, 'execute-api:Invoke'));
    if (!invokes || !toList(resource).some((pattern) => matches(pattern, methodArn))) continue;
    if (typeof effect === 'string' && effect.toLowerCase() === 'deny')
      return { effect: 'deny', statement: index };
    allowed ??= index;
  }
  return allowed === undefined ? { effect: 'no-allow' } : { effect: 'allow', statement: allowed };
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

/** IAM's wildcards: `*` any run of characters, `?` any one. */
function matches(pattern: string, value: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${source}$`).test(value);
}
