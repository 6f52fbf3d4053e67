import type { Notice } from './notices';
import { asRecord } from './property-values';
import type { Template } from './template';

/** Where each kind of stage holds its access log settings. */
const ACCESS_LOG_PROPERTY: Record<string, string> = {
  'AWS::Serverless::Api': 'AccessLogSetting',
  'AWS::Serverless::HttpApi': 'AccessLogSettings',
  'AWS::ApiGateway::Stage': 'AccessLogSetting',
  'AWS::ApiGatewayV2::Stage': 'AccessLogSettings',
};

const TEXT =
  "access logs are not written in their Format: each request's line in the terminal (and the console) is the emulator's own";

/** The stages that log access in AWS, each named once: a log line's shape is not checked locally. */
export function accessLogNotices(template: Template): Notice[] {
  const subjects: string[] = [];
  if (template.Globals?.Api?.AccessLogSetting !== undefined) subjects.push('Globals.Api');
  if (template.Globals?.HttpApi?.AccessLogSettings !== undefined) subjects.push('Globals.HttpApi');
  for (const [id, resource] of Object.entries(template.Resources)) {
    const property = ACCESS_LOG_PROPERTY[resource.Type];
    if (property !== undefined && asRecord(resource.Properties)[property] !== undefined) subjects.push(id);
  }
  return subjects.length === 0 ? [] : [{ subject: subjects.join(', '), text: TEXT }];
}
