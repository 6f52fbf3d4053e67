import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The developer's AWS settings a function gets, as `sam local` passes them into its container. */
export interface AwsAccess {
  variables: Record<string, string>;
  /** Whether any credentials were found: a profile, keys, or the shared config and credentials files. */
  hasCredentials: boolean;
}

const PASSED = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CA_BUNDLE',
  'AWS_SDK_LOAD_CONFIG',
];

export function developerAwsAccess(env: NodeJS.ProcessEnv = process.env): AwsAccess {
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && (PASSED.includes(name) || name.startsWith('AWS_ENDPOINT_URL')))
      variables[name] = value;
  }
  const configFile = env.AWS_CONFIG_FILE ?? join(homedir(), '.aws', 'config');
  const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE ?? join(homedir(), '.aws', 'credentials');
  const hasCredentials =
    variables.AWS_ACCESS_KEY_ID !== undefined ||
    variables.AWS_PROFILE !== undefined ||
    existsSync(configFile) ||
    existsSync(credentialsFile);
  // The function's own process has no home of ours to look in: name the files the SDK should read.
  if (hasCredentials) {
    if (existsSync(configFile)) variables.AWS_CONFIG_FILE = configFile;
    if (existsSync(credentialsFile)) variables.AWS_SHARED_CREDENTIALS_FILE = credentialsFile;
  }
  return { variables, hasCredentials };
}
