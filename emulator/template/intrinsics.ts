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

/**
 * Resolves what can be known without a stack, as `sam local` does: `Ref` to a parameter (its
 * override or Default), to a pseudo parameter, or to a resource (its logical id), and `Fn::Sub` over
 * those. Anything else resolves to undefined, never to a made-up value.
 */
export function resolveValue(
  value: unknown,
  template: Template,
  overrides: Record<string, string> = {},
): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, template, overrides));
  const entries = Object.entries(value);
  const [key, argument] = entries[0] ?? [];
  if (entries.length === 1 && key === 'Ref' && typeof argument === 'string') {
    return refValue(argument, template, overrides);
  }
  if (entries.length === 1 && key === 'Fn::Sub') return substitute(argument, template, overrides);
  if (entries.length === 1 && key?.startsWith('Fn::')) return undefined;
  return Object.fromEntries(entries.map(([k, v]) => [k, resolveValue(v, template, overrides)]));
}

function refValue(name: string, template: Template, overrides: Record<string, string>): string | undefined {
  if (name in overrides) return overrides[name];
  const parameter = template.Parameters?.[name];
  if (parameter !== undefined) return scalarText(parameter.Default);
  if (name in PSEUDO_PARAMETERS) return PSEUDO_PARAMETERS[name];
  return name in template.Resources ? name : undefined;
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
): string | undefined {
  const [text, variables] = Array.isArray(argument) ? (argument as unknown[]) : [argument, {}];
  if (typeof text !== 'string') return undefined;
  return text.replace(/\$\{([^}!]+)\}/g, (whole, name: string) => {
    const local = (variables as Record<string, unknown> | undefined)?.[name];
    const resolved =
      local === undefined ? refValue(name, template, overrides) : resolveValue(local, template, overrides);
    return typeof resolved === 'string' ? resolved : whole;
  });
}
