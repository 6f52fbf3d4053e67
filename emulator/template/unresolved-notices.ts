import type { Notice } from './notices';
import type { UnresolvedValue } from './resolved-template';
import type { Resource, Template } from './template';

/** The resource types whose properties the emulator reads. */
const READ_TYPES = new Set([
  'AWS::Serverless::Function',
  'AWS::Serverless::Api',
  'AWS::Serverless::HttpApi',
  'AWS::Serverless::LayerVersion',
  'AWS::Lambda::Function',
  'AWS::Lambda::LayerVersion',
  'AWS::Lambda::Url',
  'AWS::ApiGateway::RestApi',
  'AWS::ApiGateway::Resource',
  'AWS::ApiGateway::Method',
  'AWS::ApiGateway::Stage',
  'AWS::ApiGateway::Deployment',
  'AWS::ApiGateway::Authorizer',
  'AWS::ApiGateway::ApiKey',
  'AWS::ApiGateway::UsagePlan',
  'AWS::ApiGateway::UsagePlanKey',
  'AWS::ApiGateway::GatewayResponse',
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::Stage',
  'AWS::ApiGatewayV2::Authorizer',
  'AWS::ApiGatewayV2::RouteResponse',
]);

/** Integrations the emulator names as not emulated as a whole: what is unknown inside them is no news. */
const NOT_PROXY = /^(aws|http|http_proxy|mock)$/i;

/** Properties of those resources that change nothing locally: an unknown value there is no news. */
const NOT_READ = new Set([
  'Role',
  'Policies',
  'PermissionsBoundary',
  'RolePath',
  'AssumeRolePolicyDocument',
  'Tags',
  'PropagateTags',
  'Description',
  'DeadLetterQueue',
  'DeadLetterConfig',
  'EventInvokeConfig',
  'VpcConfig',
  'KmsKeyArn',
  'FileSystemConfigs',
  'ProvisionedConcurrencyConfig',
  'DeploymentPreference',
  'AutoPublishAlias',
  'AutoPublishCodeSha256',
  'VersionDescription',
  'CodeSigningConfigArn',
  'SnapStart',
  'RuntimeManagementConfig',
  'AccessLogSetting',
  'AccessLogSettings',
  'Domain',
  'EndpointConfiguration',
  'CanarySetting',
  'TracingEnabled',
  'Credentials',
  'credentials',
  'CredentialsArn',
  'CertificateArn',
  'Logging',
  'Domain',
  'RequestValidatorId',
  'x-amazon-apigateway-policy',
  'ResourcePolicy',
  'Policy',
]);

/**
 * Each property the emulator reads whose value only a deployed stack knows, named once with its
 * logical id, so that a value left out is never left out silently.
 */
export function unresolvedNotices(unresolved: UnresolvedValue[], template: Template): Notice[] {
  const seen = new Set<string>();
  const notices: Notice[] = [];
  for (const value of unresolved) {
    if (!matters(value, template)) continue;
    const where = value.path.filter((part, index) => !(index === 0 && part === 'Properties')).join('.');
    const key = `${value.subject} ${where}`;
    if (seen.has(key)) continue;
    seen.add(key);
    notices.push({
      subject: value.subject,
      text: `${where}: ${value.expression} cannot be resolved locally (${value.reason})`,
    });
  }
  return notices;
}

function matters({ subject, path }: UnresolvedValue, template: Template): boolean {
  if (subject.startsWith('Globals.')) return !path.some((part) => NOT_READ.has(part));
  const resource = template.Resources[subject];
  if (resource === undefined || !READ_TYPES.has(resource.Type)) return false;
  if (path[0] === 'Condition') return true;
  if (path[0] !== 'Properties') return false;
  if (path.slice(1).some((part) => NOT_READ.has(part))) return false;
  // Events the emulator does not serve are named as such already.
  if (path[1] === 'Events') {
    const type = (resource.Properties?.Events as Record<string, { Type?: unknown }> | undefined)?.[
      path[2] ?? ''
    ]?.Type;
    return type === 'Api' || type === 'HttpApi';
  }
  return !insideNonProxyIntegration(resource, path);
}

/** Whether the value sits in an integration that is not a Lambda proxy (named as a whole elsewhere). */
function insideNonProxyIntegration(resource: Resource, path: string[]): boolean {
  let node: unknown = resource;
  for (const part of path) {
    if (typeof node !== 'object' || node === null) return false;
    const object = node as Record<string, unknown>;
    const type =
      object.IntegrationType ??
      (Object.hasOwn(object, 'uri') || Object.hasOwn(object, 'Uri')
        ? (object.type ?? object.Type)
        : undefined);
    if (typeof type === 'string' && NOT_PROXY.test(type)) return true;
    node = object[part];
  }
  return false;
}
