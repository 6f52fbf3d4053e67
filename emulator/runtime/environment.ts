import { readFileSync } from 'node:fs';
import { LOCAL_REGION, logGroupName, logStreamName } from '../shared/local-aws';
import type { FunctionSpec } from '../template/functions';
import type { AwsAccess } from './aws-access';

/** Lambda's time zone setting; a function cannot change it. */
export const LAMBDA_TZ = ':UTC';
/** `--env-vars env.json` as `sam local` reads it: per function id, or for all under "Parameters". */
export type EnvVarsFile = Record<string, Record<string, string>>;

export class EnvVarsError extends Error {
  override readonly name = 'EnvVarsError';
}

export function readEnvVarsFile(path: string): EnvVarsFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new EnvVarsError(`cannot read --env-vars ${path}: ${(error as Error).message}`);
  }
  const valid =
    typeof parsed === 'object' &&
    parsed !== null &&
    Object.values(parsed).every((vars) => typeof vars === 'object' && vars !== null && !Array.isArray(vars));
  if (!valid) throw new EnvVarsError(`--env-vars ${path} must map function ids (or "Parameters") to objects`);
  return parsed as EnvVarsFile;
}

/** What the emulator knows of where a function runs, beyond the template. */
export interface LocalSetting {
  /** The folder its Handler is relative to (Lambda's /var/task). */
  taskRoot: string;
  /** Lambda's NODE_PATH: the layers' node_modules, then the runtime's own modules. */
  nodePath: string[];
  aws: AwsAccess;
  /** Where SDK calls go when the developer has no credentials; see NoAwsEndpoint. */
  noAwsEndpoint?: string;
}

/**
 * A function's environment as Lambda (and sam local) sets it: the runtime's own variables, the
 * developer's AWS settings, then the template's Globals and function Variables, overridden by
 * env.json (for declared variables only, as sam local does). Nothing else leaks in from the
 * emulator's own process.env but PATH.
 */
export function functionEnvironment(
  fn: FunctionSpec,
  local: LocalSetting,
  envVars: EnvVarsFile = {},
): Record<string, string> {
  const declared = fn.environment;
  const overrides = { ...envVars.Parameters, ...envVars[fn.id] };
  const fromTemplate = Object.fromEntries(
    Object.entries(declared).map(([name, value]) => [
      name,
      name in overrides ? String(overrides[name]) : value,
    ]),
  );
  const aws = local.aws.variables;
  const region = aws.AWS_REGION ?? aws.AWS_DEFAULT_REGION ?? LOCAL_REGION;
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: LAMBDA_TZ,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.id,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySizeMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: logGroupName(fn.id),
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName(),
    AWS_LAMBDA_LOG_FORMAT: fn.logFormat,
    // Set by Lambda with the JSON format; its runtime (and Powertools' Logger) filter by it.
    ...(fn.logLevels === undefined ? {} : { AWS_LAMBDA_LOG_LEVEL: fn.logLevels.application }),
    LAMBDA_TASK_ROOT: local.taskRoot,
    ...(local.nodePath.length === 0 ? {} : { NODE_PATH: local.nodePath.join(':') }),
    // As sam local says to the libraries that ask (Powertools' Tracer, for one).
    AWS_SAM_LOCAL: 'true',
    // Never the instance-metadata service: without credentials, the SDK fails at once, here.
    AWS_EC2_METADATA_DISABLED: 'true',
    ...aws,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    ...(local.aws.hasCredentials
      ? {}
      : {
          // Credentials that sign requests for the emulator's own endpoints and for no one else.
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          AWS_SESSION_TOKEN: 'local',
          ...(local.noAwsEndpoint === undefined || aws.AWS_ENDPOINT_URL !== undefined
            ? {}
            : { AWS_ENDPOINT_URL: local.noAwsEndpoint }),
        }),
    // Lambda runs Node 22+; locally the SDK's notice about an older Node says nothing about the code.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...fromTemplate,
  };
}

/** Variables in env.json that the template does not declare, which are ignored as sam local does. */
export function undeclaredOverrides(fn: FunctionSpec, envVars: EnvVarsFile): string[] {
  return Object.keys(envVars[fn.id] ?? {}).filter((name) => !(name in fn.environment));
}
