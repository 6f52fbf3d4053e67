// A REST API's resource policy, evaluated for a request as API Gateway does: the caller's source IP
// and account are known locally, a VPC endpoint never is (a local request comes through none).
import { BlockList, isIPv6 } from 'node:net';
import { evaluatePolicy, type PolicyContext } from './policy';

/** What the policy is checked against: where the request came from, and who signed it, if anyone did. */
export interface PolicyCaller {
  sourceIp: string;
  /** The account of an AWS_IAM caller whose signature was checked; undefined for an anonymous caller. */
  account?: string;
}

export type ResourcePolicyDecision =
  { allowed: true; note?: string } | { allowed: false; explicit: boolean; statement?: number };

/** Condition keys this machine knows the value of; any other makes a statement undecidable here. */
const KNOWN_KEYS = new Set(['aws:sourceip', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:principalaccount']);

export function resourcePolicyDecision(
  policy: unknown,
  methodArn: string,
  caller: PolicyCaller,
): ResourcePolicyDecision {
  const verdict = evaluatePolicy(policy, methodArn, policyContext(caller));
  const note = verdict.conditioned
    ? 'resource policy: a Condition on keys not known locally was not evaluated (never allows, always denies)'
    : undefined;
  if (verdict.effect === 'allow') return note === undefined ? { allowed: true } : { allowed: true, note };
  if (verdict.effect === 'deny') return { allowed: false, explicit: true, statement: verdict.statement };
  return { allowed: false, explicit: false };
}

function policyContext(caller: PolicyCaller): PolicyContext {
  return {
    principal: (principal) => principalMatches(principal, caller.account),
    condition: (condition) => conditionHolds(condition, caller),
  };
}

/** `*`, `{"AWS": "*"}`, or `{"AWS": [account id or arn:aws:iam::account:root ...]}` for a signed caller. */
function principalMatches(principal: unknown, account: string | undefined): boolean {
  if (principal === undefined || principal === '*') return true;
  const aws: unknown =
    typeof principal === 'object' && principal !== null
      ? (principal as Record<string, unknown>).AWS
      : undefined;
  const list = (Array.isArray(aws) ? (aws as unknown[]) : [aws]).filter(
    (item): item is string => typeof item === 'string',
  );
  if (list.includes('*')) return true;
  if (account === undefined) return false;
  return list.some((item) => item === account || new RegExp(`^arn:aws[\\w-]*:iam::${account}:`).test(item));
}

/** Every operator's every key must hold; undefined when a key or operator cannot be known here. */
function conditionHolds(condition: Record<string, unknown>, caller: PolicyCaller): boolean | undefined {
  let holds = true;
  for (const [operator, entries] of Object.entries(condition)) {
    if (typeof entries !== 'object' || entries === null) return undefined;
    for (const [rawKey, rawValues] of Object.entries(entries as Record<string, unknown>)) {
      const key = rawKey.toLowerCase();
      if (!KNOWN_KEYS.has(key)) return undefined;
      const values = (Array.isArray(rawValues) ? rawValues : [rawValues]).map(String);
      const result = operatorHolds(operator, key, values, caller);
      if (result === undefined) return undefined;
      holds &&= result;
    }
  }
  return holds;
}

function operatorHolds(
  operator: string,
  key: string,
  values: string[],
  caller: PolicyCaller,
): boolean | undefined {
  const actual =
    key === 'aws:sourceip' ? caller.sourceIp : key === 'aws:principalaccount' ? caller.account : undefined;
  switch (operator) {
    case 'IpAddress':
      return key === 'aws:sourceip' ? inRanges(caller.sourceIp, values) : undefined;
    case 'NotIpAddress':
      return key === 'aws:sourceip' ? !inRanges(caller.sourceIp, values) : undefined;
    case 'StringEquals':
      // A key the request does not have (a VPC endpoint, locally) makes a positive operator false.
      return actual !== undefined && values.includes(actual);
    case 'StringNotEquals':
      // ... and a negated one true, as IAM evaluates a missing key.
      return actual === undefined || !values.includes(actual);
    default:
      return undefined;
  }
}

function inRanges(ip: string, ranges: string[]): boolean {
  const address = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  const type = isIPv6(address) ? 'ipv6' : 'ipv4';
  const list = new BlockList();
  for (const range of ranges) {
    const [network = '', prefix] = range.split('/');
    const networkType = isIPv6(network) ? 'ipv6' : 'ipv4';
    try {
      if (prefix === undefined) list.addAddress(network, networkType);
      else list.addSubnet(network, Number(prefix), networkType);
    } catch {
      // A range IAM would refuse at deployment: it matches nothing.
    }
  }
  return list.check(address, type);
}
