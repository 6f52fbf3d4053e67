import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../shared/local-aws';
import { asRecord } from './property-values';
import type { Route } from './rest-api-model';

/**
 * A REST API's resource policy as the deployed API has it: the RestApi's `Policy` (an object or
 * JSON text), the definition's `x-amazon-apigateway-policy`, or the statements SAM writes for
 * `Auth.ResourcePolicy` (account, IP range and VPC lists, CustomStatements); `execute-api:/...`
 * resources expanded to the API's ARNs. Undefined when it has none.
 */
export function resourcePolicyOf(
  properties: Record<string, unknown>,
  definition: unknown,
  routes: Route[],
  stage: string,
  apiId: string,
): unknown {
  const prefix = `arn:aws:execute-api:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${apiId}/`;
  const raw = parsed(properties.Policy) ?? asRecord(definition)['x-amazon-apigateway-policy'];
  const sam = asRecord(asRecord(properties.Auth).ResourcePolicy);
  const statements = [
    ...listOf(asRecord(raw).Statement),
    ...samStatements(
      sam,
      routes.map(
        (route) =>
          `execute-api:/${stage}/${route.method === 'ANY' ? '*' : route.method}${route.resourcePath}`,
      ),
    ),
  ];
  if (raw === undefined && Object.keys(sam).length === 0) return undefined;
  return { Version: '2012-10-17', Statement: statements.map((statement) => expanded(statement, prefix)) };
}

function parsed(policy: unknown): unknown {
  if (typeof policy !== 'string') return policy;
  try {
    return JSON.parse(policy) as unknown;
  } catch {
    return undefined;
  }
}

function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? (value as unknown[]) : [value];
}

/** What SAM's translator writes for each list (its swagger editor's add_resource_policy). */
function samStatements(policy: Record<string, unknown>, resources: string[]): unknown[] {
  const statement = (effect: string, principal: unknown, condition?: Record<string, unknown>): unknown => ({
    Effect: effect,
    Action: 'execute-api:Invoke',
    Resource: resources,
    Principal: principal,
    ...(condition === undefined ? {} : { Condition: condition }),
  });
  const statements: unknown[] = [];
  const allowAll = statement('Allow', '*');
  const list = (key: string): unknown[] => listOf(policy[key]);
  if (list('AwsAccountWhitelist').length > 0)
    statements.push(statement('Allow', { AWS: list('AwsAccountWhitelist') }));
  if (list('AwsAccountBlacklist').length > 0)
    statements.push(statement('Deny', { AWS: list('AwsAccountBlacklist') }));
  if (list('IpRangeWhitelist').length > 0)
    statements.push(
      allowAll,
      statement('Deny', '*', { NotIpAddress: { 'aws:SourceIp': list('IpRangeWhitelist') } }),
    );
  if (list('IpRangeBlacklist').length > 0)
    statements.push(
      allowAll,
      statement('Deny', '*', { IpAddress: { 'aws:SourceIp': list('IpRangeBlacklist') } }),
    );
  const vpcs = (kind: 'Whitelist' | 'Blacklist'): { vpc: unknown[]; vpce: unknown[] } => {
    const named = list(`SourceVpc${kind}`);
    const startsWith = (start: string) => (item: unknown) =>
      typeof item === 'string' && item.startsWith(start);
    return {
      vpc: [...named.filter(startsWith('vpc-')), ...list(`IntrinsicVpc${kind}`)],
      vpce: [...named.filter(startsWith('vpce-')), ...list(`IntrinsicVpce${kind}`)],
    };
  };
  for (const [kind, operator] of [
    ['Blacklist', 'StringEquals'],
    ['Whitelist', 'StringNotEquals'],
  ] as const) {
    const { vpc, vpce } = vpcs(kind);
    if (vpc.length === 0 && vpce.length === 0) continue;
    statements.push(allowAll);
    if (vpc.length > 0) statements.push(statement('Deny', '*', { [operator]: { 'aws:SourceVpc': vpc } }));
    if (vpce.length > 0) statements.push(statement('Deny', '*', { [operator]: { 'aws:SourceVpce': vpce } }));
  }
  statements.push(...list('CustomStatements'));
  return statements;
}

/** `execute-api:/stage/GET/path` → the full method ARN pattern of this API. */
function expanded(statement: unknown, prefix: string): unknown {
  const fields = asRecord(statement);
  const expand = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(expand)
      : typeof value === 'string' && value.startsWith('execute-api:/')
        ? `${prefix}${value.slice('execute-api:/'.length)}`
        : value;
  return {
    ...fields,
    ...(fields.Resource === undefined ? {} : { Resource: expand(fields.Resource) }),
    ...(fields.NotResource === undefined ? {} : { NotResource: expand(fields.NotResource) }),
  };
}
