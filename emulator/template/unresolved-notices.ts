import type { Notice } from './notices';
import type { UnresolvedValue } from './resolved-template';
import type { Template } from './template';

/** The resource types whose properties the emulator reads. */
const READ_TYPES =
  /^(AWS::Serverless::(Function|Api|HttpApi|LayerVersion)|AWS::Lambda::(Function|LayerVersion|Url)|AWS::ApiGateway::.+|AWS::ApiGatewayV2::.+)$/;

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
  'CredentialsArn',
  'CertificateArn',
  'Logging',
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
  if (subject.startsWith('Globals.')) return !NOT_READ.has(path[0] ?? '');
  const resource = template.Resources[subject];
  if (resource === undefined || !READ_TYPES.test(resource.Type)) return false;
  if (path[0] === 'Condition') return true;
  if (path[0] !== 'Properties') return false;
  if (NOT_READ.has(path[1] ?? '')) return false;
  // Events the emulator does not serve are named as such already.
  if (path[1] === 'Events') {
    const type = (resource.Properties?.Events as Record<string, { Type?: unknown }> | undefined)?.[
      path[2] ?? ''
    ]?.Type;
    return type === 'Api' || type === 'HttpApi';
  }
  return true;
}
