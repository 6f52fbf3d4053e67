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

const NOT_WRITTEN =
  "access logs are not written in their Format: each request's line in the terminal (and the console) is the emulator's own";
const RENDERED =
  'access logs go to no CloudWatch here: the console shows each request\'s line in the stage\'s Format, with "-" for what the emulator does not know (it says which)';

/** The stages that log access in AWS, each named once with what the emulator does with them. */
export function accessLogNotices(template: Template): Notice[] {
  const rendered: string[] = [];
  const notWritten: string[] = [];
  const say = (subject: string, format: unknown, rest: boolean): void => {
    (rest && typeof format === 'string' ? rendered : notWritten).push(subject);
  };
  const globalApi = asRecord(template.Globals?.Api?.AccessLogSetting);
  if (template.Globals?.Api?.AccessLogSetting !== undefined) say('Globals.Api', globalApi.Format, true);
  if (template.Globals?.HttpApi?.AccessLogSettings !== undefined) say('Globals.HttpApi', undefined, false);
  for (const [id, resource] of Object.entries(template.Resources)) {
    const property = ACCESS_LOG_PROPERTY[resource.Type];
    const setting = property === undefined ? undefined : asRecord(resource.Properties)[property];
    if (setting !== undefined) say(id, asRecord(setting).Format, resource.Type === 'AWS::Serverless::Api');
  }
  return [
    ...(rendered.length === 0 ? [] : [{ subject: rendered.join(', '), text: RENDERED }]),
    ...(notWritten.length === 0 ? [] : [{ subject: notWritten.join(', '), text: NOT_WRITTEN }]),
  ];
}
