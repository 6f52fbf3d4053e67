import { readFileSync } from 'node:fs';
import { LOCAL_REGION, logGroupName, logStreamName } from '../shared/local-aws';
import type { FunctionSpec } from '../template/functions';

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

/**
 * A function's environment as Lambda sets it: the runtime's own AWS_* variables, then the template's
 * Globals and function Variables, overridden by env.json (for declared variables only, as sam local
 * does). Nothing leaks in from the emulator's own process.env but PATH and LANG.
 */
export function functionEnvironment(fn: FunctionSpec, envVars: EnvVarsFile = {}): Record<string, string> {
  const declared = fn.environment;
  const overrides = { ...envVars.Parameters, ...envVars[fn.id] };
  const fromTemplate = Object.fromEntries(
    Object.entries(declared).map(([name, value]) => [
      name,
      name in overrides ? String(overrides[name]) : value,
    ]),
  );
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.id,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySizeMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: logGroupName(fn.id),
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName(),
    AWS_LAMBDA_LOG_FORMAT: fn.logFormat,
    // Lambda gives every function its role's credentials; these dummy ones keep the SDK working
    // against the emulator's own endpoints and never reach AWS.
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SESSION_TOKEN: 'local',
    // Lambda runs Node 22+; locally the SDK's notice about an older Node says nothing about the code.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    LAMBDA_TASK_ROOT: fn.codeDir,
    ...fromTemplate,
  };
}

/** Variables in env.json that the template does not declare, which are ignored as sam local does. */
export function undeclaredOverrides(fn: FunctionSpec, envVars: EnvVarsFile): string[] {
  return Object.keys(envVars[fn.id] ?? {}).filter((name) => !(name in fn.environment));
}
