import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// The project's rules for what goes to production, checked on the stack SAM's transform makes of a
// template: template.yaml itself, and a copy with README's "Adding a function" applied.

export interface Resource {
  Type: string;
  Condition?: string;
  DependsOn?: string | string[];
  Properties?: Record<string, unknown>;
}
export type Resources = Record<string, Resource>;

const ROOT = join(__dirname, '..', '..');

/** The stack CloudFormation gets from SAM's transform, or why it cannot be made here. */
export function translated(templatePath: string): Resources | string {
  const run = spawnSync('python3', [join(ROOT, 'scripts', 'translate-template.py'), templatePath], {
    encoding: 'utf8',
  });
  if (run.error !== undefined || run.status !== 0) {
    const why = run.error?.message ?? run.stderr.trim().split('\n').at(-1) ?? '';
    return `aws-sam-translator is not available (pip install cfn-lint brings it): ${why}`;
  }
  return (JSON.parse(run.stdout) as { Resources: Resources }).Resources;
}

export const ofType = (stack: Resources, type: string): [string, Resource][] =>
  Object.entries(stack).filter(([, resource]) => resource.Type === type);

const refOf = (value: unknown): string | undefined =>
  typeof value === 'object' && value !== null && 'Ref' in value && typeof value.Ref === 'string'
    ? value.Ref
    : undefined;

const getAttOf = (value: unknown): string | undefined => {
  const getAtt = (value as { 'Fn::GetAtt'?: unknown } | undefined)?.['Fn::GetAtt'];
  return Array.isArray(getAtt) && typeof getAtt[0] === 'string' ? getAtt[0] : undefined;
};

const isJson = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** The metric dimension `name`'s value in an alarm. */
const dimension = (alarm: Resource, name: string): unknown =>
  (alarm.Properties?.Dimensions as { Name: string; Value: unknown }[] | undefined)?.find(
    (item) => item.Name === name,
  )?.Value;

/**
 * What of the stack breaks the project's rules, one line each (none when it keeps them):
 * every function logs JSON to a declared group that expires after LogRetentionDays and has Errors
 * and Throttles alarms; every REST and WebSocket stage writes JSON access logs to such a group; the
 * REST API alarms on 5XXError and p99 Latency, the WebSocket API on IntegrationError; every alarm
 * notifies AlarmTopic; the REST API's own 4XX/5XX answers carry the AllowedOrigin.
 */
export function ruleViolations(stack: Resources): string[] {
  const violations: string[] = [];
  const expiringGroup = (value: unknown, via: (value: unknown) => string | undefined): boolean => {
    const group = stack[via(value) ?? ''];
    return (
      group?.Type === 'AWS::Logs::LogGroup' && refOf(group.Properties?.RetentionInDays) === 'LogRetentionDays'
    );
  };
  const alarms = ofType(stack, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm);
  const alarmOn = (namespace: string, metric: string, dimensions: Record<string, unknown>): boolean =>
    alarms.some(
      (alarm) =>
        alarm.Properties?.Namespace === namespace &&
        alarm.Properties.MetricName === metric &&
        Object.entries(dimensions).every(
          ([name, value]) => JSON.stringify(dimension(alarm, name)) === JSON.stringify(value),
        ),
    );

  for (const [id, fn] of ofType(stack, 'AWS::Lambda::Function')) {
    const logging = fn.Properties?.LoggingConfig as { LogGroup?: unknown; LogFormat?: string } | undefined;
    if (logging?.LogFormat !== 'JSON') violations.push(`${id} does not log JSON`);
    if (!expiringGroup(logging?.LogGroup, refOf))
      violations.push(`${id} logs to no declared log group with RetentionInDays: !Ref LogRetentionDays`);
    for (const metric of ['Errors', 'Throttles'])
      if (!alarmOn('AWS/Lambda', metric, { FunctionName: { Ref: id } }))
        violations.push(`${id} has no ${metric} alarm`);
  }

  const accessLogs = (id: string, settings: unknown, mustName: string[]): void => {
    const { DestinationArn, Format } = (settings ?? {}) as { DestinationArn?: unknown; Format?: unknown };
    if (!expiringGroup(DestinationArn, getAttOf))
      violations.push(`${id} has no access logs in a log group with RetentionInDays: !Ref LogRetentionDays`);
    else if (typeof Format !== 'string' || !isJson(Format))
      violations.push(`${id}'s access log Format is not one line of JSON`);
    else
      for (const variable of mustName)
        if (!Format.includes(`$context.${variable}"`))
          violations.push(`${id}'s access log lacks $context.${variable}`);
  };
  const common = [
    'requestId',
    'extendedRequestId',
    'identity.sourceIp',
    'status',
    'integration.latency',
    'integration.error',
  ];
  for (const [id, stage] of ofType(stack, 'AWS::ApiGateway::Stage'))
    accessLogs(id, stage.Properties?.AccessLogSetting, [
      ...common,
      'httpMethod',
      'resourcePath',
      'responseLatency',
    ]);
  for (const [id, stage] of ofType(stack, 'AWS::ApiGatewayV2::Stage'))
    accessLogs(id, stage.Properties?.AccessLogSettings, [...common, 'routeKey', 'eventType', 'connectionId']);

  for (const [id, api] of ofType(stack, 'AWS::ApiGateway::RestApi')) {
    const name = (api.Properties?.Body as { info?: { title?: unknown } } | undefined)?.info?.title;
    for (const metric of ['5XXError', 'Latency'])
      if (!alarmOn('AWS/ApiGateway', metric, { ApiName: name, Stage: 'Prod' }))
        violations.push(`${id} has no ${metric} alarm`);
    const responses = (
      api.Properties?.Body as { 'x-amazon-apigateway-gateway-responses'?: Record<string, unknown> }
    )['x-amazon-apigateway-gateway-responses'];
    for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
      const origin = (responses?.[type] as { responseParameters?: Record<string, unknown> } | undefined)
        ?.responseParameters?.['gatewayresponse.header.Access-Control-Allow-Origin'];
      if (JSON.stringify(origin) !== JSON.stringify({ 'Fn::Sub': "'${AllowedOrigin}'" }))
        violations.push(`${id}'s ${type} gateway response does not carry the AllowedOrigin`);
    }
  }
  for (const [id, api] of ofType(stack, 'AWS::ApiGatewayV2::Api'))
    if (
      api.Properties?.ProtocolType === 'WEBSOCKET' &&
      !alarmOn('AWS/ApiGateway', 'IntegrationError', { ApiId: { Ref: id } })
    )
      violations.push(`${id} has no IntegrationError alarm`);

  for (const [id, alarm] of ofType(stack, 'AWS::CloudWatch::Alarm'))
    if (
      !(alarm.Properties?.AlarmActions as unknown[] | undefined)?.some(
        (action) => refOf(action) === 'AlarmTopic',
      )
    )
      violations.push(`${id} notifies no AlarmTopic`);
  return violations;
}
