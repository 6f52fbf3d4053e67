import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../shared/local-aws';
import type { Template } from './template';

const PSEUDO_PARAMETERS: Record<string, string> = {
  'AWS::Region': LOCAL_REGION,
  'AWS::AccountId': LOCAL_ACCOUNT_ID,
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': 'local',
  'AWS::StackId': `arn:aws:cloudformation:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:stack/local/local`,
};

/** What could not be known without a stack, named as the template writes it. */
export interface Unresolved {
  expression: string;
  reason: string;
}

type OnUnresolved = (unresolved: Unresolved) => void;

/**
 * Resolves what can be known without a stack, as `sam local` does: `Ref` to a parameter (its
 * override or Default), to a pseudo parameter, or to a resource (its logical id), and `Fn::Sub` over
 * those. Anything else resolves to undefined, never to a made-up value, and is told to onUnresolved.
 */
export function resolveValue(
  value: unknown,
  template: Template,
  overrides: Record<string, string> = {},
  onUnresolved: OnUnresolved = () => undefined,
): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, template, overrides, onUnresolved));
  const entries = Object.entries(value);
  const [key, argument] = entries[0] ?? [];
  if (entries.length === 1 && key === 'Ref' && typeof argument === 'string') {
    return refValue(argument, template, overrides, onUnresolved);
  }
  if (entries.length === 1 && key === 'Fn::Sub')
    return substitute(argument, template, overrides, onUnresolved);
  if (entries.length === 1 && key?.startsWith('Fn::')) {
    onUnresolved({
      expression: `${key} ${JSON.stringify(argument)}`,
      reason: 'its value exists only in a deployed stack',
    });
    return undefined;
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, resolveValue(v, template, overrides, onUnresolved)]));
}

function refValue(
  name: string,
  template: Template,
  overrides: Record<string, string>,
  onUnresolved: OnUnresolved,
): string | undefined {
  if (name in overrides) return overrides[name];
  const parameter = template.Parameters?.[name];
  if (parameter !== undefined) {
    const value = scalarText(parameter.Default);
    if (value === undefined)
      onUnresolved({ expression: `Ref ${name}`, reason: `parameter ${name} has no Default` });
    return value;
  }
  if (name in PSEUDO_PARAMETERS) return PSEUDO_PARAMETERS[name];
  if (name in template.Resources) return name;
  onUnresolved({ expression: `Ref ${name}`, reason: `the template has no parameter or resource ${name}` });
  return undefined;
}

function scalarText(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined;
}

function substitute(
  argument: unknown,
  template: Template,
  overrides: Record<string, string>,
  onUnresolved: OnUnresolved,
): string | undefined {
  const [text, variables] = Array.isArray(argument) ? (argument as unknown[]) : [argument, {}];
  if (typeof text !== 'string') return undefined;
  return text.replace(/\$\{([^}!]+)\}/g, (whole, name: string) => {
    const local = (variables as Record<string, unknown> | undefined)?.[name];
    if (local === undefined && name.includes('.')) {
      onUnresolved({ expression: `\${${name}}`, reason: 'its value exists only in a deployed stack' });
      return whole;
    }
    const resolved =
      local === undefined
        ? refValue(name, template, overrides, onUnresolved)
        : resolveValue(local, template, overrides, onUnresolved);
    return typeof resolved === 'string' ? resolved : whole;
  });
}
