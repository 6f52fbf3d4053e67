import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RestEventInput } from '../rest/proxy-event';
import type { FunctionSpec } from '../template/functions';
import { developerAwsAccess, type AwsAccess } from './aws-access';
import { BuildError } from './build/function-bundle';
import type { FunctionCodeSource } from './build/code-source';
import { buildFix } from './build/build-fix';
import { functionCode } from './build/function-code';
import { buildLambdaRuntime, type LambdaRuntimeFiles } from './build/lambda-runtime-bundle';
import { functionEnvironment, type EnvVarsFile } from './environment';
import type { InstanceSettings } from './instances/instance';
import { FunctionInstances } from './instances/instance-pool';
import type { FunctionError, Invocation } from './invocation';
import { NoAwsEndpoint } from './no-aws-endpoint';
import { runtimeSdkModules } from './runtime-sdk';

interface Running {
  fn: FunctionSpec;
  code: FunctionCodeSource;
  instances: FunctionInstances;
}

export interface StartOptions {
  envVars?: EnvVarsFile;
  /** Take every change to a function's code, rebuilt if it is built, from the next request on. */
  watch?: boolean;
  log?: (line: string) => void;
  /** Variables the emulator itself sets for a function, such as an endpoint of its own. */
  extraEnvironment?: (fn: FunctionSpec) => Record<string, string>;
  /** Where the project's own packages are looked for (the AWS SDK the runtime includes). */
  projectDirs?: string[];
  /** The developer's AWS settings; by default, this process's. */
  aws?: AwsAccess;
  /** Under a debugger: no timeout may end an invocation (or an init) paused at a breakpoint. */
  suspendTimeouts?: boolean;
}

/** A function's Timeout while a debugger may hold it paused: a day. */
export const DEBUG_TIMEOUT_MS = 24 * 60 * 60 * 1000;

/** A function whose init phase failed when it was started: every invocation fails with this, as in Lambda. */
export interface InitFailure {
  functionId: string;
  error: FunctionError;
}

/** A function whose code could not be built: what the build said, and the command that fixes it. */
export interface BuildFailure {
  functionId: string;
  message: string;
  fix?: string;
}

/** The template's functions, built as SAM builds them and running as Lambda runs them. */
export class RunningFunctions {
  /** Functions whose first instance failed to init; they keep failing until their code changes. */
  readonly initFailures: InitFailure[] = [];
  /** Functions that could not be built; they fail (502 through an API) until a change builds them. */
  readonly buildFailures: BuildFailure[] = [];
  /** Said once at start-up: how these functions run differently here. */
  readonly notices: string[] = [];

  private constructor(
    private readonly running: Map<string, Running>,
    private readonly buildDir: string,
    private noAws: NoAwsEndpoint | undefined,
  ) {}

  static async start(functions: FunctionSpec[], options: StartOptions = {}): Promise<RunningFunctions> {
    const buildDir = mkdtempSync(join(tmpdir(), 'sam-local-build-'));
    const running = new Map<string, Running>();
    const aws = options.aws ?? developerAwsAccess();
    const noAws = aws.hasCredentials || functions.length === 0 ? undefined : await NoAwsEndpoint.start();
    const local = new RunningFunctions(running, buildDir, noAws);
    try {
      const runtime = await buildLambdaRuntime(buildDir);
      const sdk = runtimeSdkModules(buildDir, options.projectDirs ?? [process.cwd()]);
      local.describeSetting(functions, aws, sdk);
      // Every function settles before a failure is thrown, so that close() finds all that started.
      const started = await Promise.allSettled(
        functions.map(async (fn) => {
          const code = await functionCode(fn, join(buildDir, fn.id)).catch((error: unknown) => {
            throw new BuildError(`${fn.id}: ${(error as Error).message}`, { cause: error });
          });
          const nodePath = [
            ...fn.layers.toReversed().flatMap((layer) => layer.nodeModulesDirs(fn.nodeMajor)),
            ...(sdk === undefined ? [] : [sdk]),
          ];
          const settings = (): InstanceSettings =>
            instanceSettings(fn, code.root, runtime, nodePath, options.suspendTimeouts === true, noAws?.url, {
              ...functionEnvironment(
                fn,
                {
                  taskRoot: code.root,
                  nodePath,
                  aws,
                  ...(noAws === undefined ? {} : { noAwsEndpoint: noAws.url }),
                },
                options.envVars,
              ),
              ...options.extraEnvironment?.(fn),
            });
          const unbuilt = code.failure;
          const fix = unbuilt === undefined ? undefined : buildFix(fn.codeDir, unbuilt.message);
          const instances = new FunctionInstances(
            settings(),
            unbuilt === undefined
              ? undefined
              : {
                  errorType: 'Emulator.NotBuilt',
                  errorMessage: `${fn.id} could not be built: ${unbuilt.message}${fix === undefined ? '' : ` (fix: ${fix})`}`,
                  stack: '',
                },
          );
          running.set(fn.id, { fn, code, instances });
          if (unbuilt !== undefined) {
            local.buildFailures.push({
              functionId: fn.id,
              message: unbuilt.message,
              ...(fix === undefined ? {} : { fix }),
            });
          } else {
            const fault = await instances.prewarm();
            if (fault !== undefined) local.initFailures.push({ functionId: fn.id, error: fault });
          }
          if (options.watch === true) {
            const log = options.log ?? console.log;
            await code.watch(
              () => {
                instances.replace(settings());
                log(
                  `${fn.id} ${fn.code.kind === 'esbuild' ? 'rebuilt after a change' : 'changed on disk'}: the next request runs the new code`,
                );
              },
              (error) => {
                log(
                  code.failure === undefined
                    ? `${fn.id} rebuild failed, still serving the previous build: ${error.message}`
                    : `${fn.id} is still not built: ${error.message}`,
                );
              },
            );
          }
        }),
      );
      const failed = started.find((result) => result.status === 'rejected');
      if (failed !== undefined) throw failed.reason;
    } catch (error) {
      await local.close();
      throw error;
    }
    return local;
  }

  private describeSetting(functions: FunctionSpec[], aws: AwsAccess, sdk: string | undefined): void {
    const hostMajor = Number(process.versions.node.split('.')[0]);
    const newer = functions.filter((fn) => fn.nodeMajor > hostMajor);
    if (newer.length > 0) {
      const runtimes = [...new Set(newer.map((fn) => fn.runtime))].join(', ');
      const which = newer.length <= 3 ? newer.map((fn) => fn.id).join(', ') : `${newer.length} functions`;
      this.notices.push(
        `${which} run on ${runtimes} in Lambda, here on this machine's Node.js ${process.versions.node}: what is newer than Node.js ${hostMajor} is missing locally`,
      );
    }
    if (functions.length > 0 && !aws.hasCredentials) {
      this.notices.push(
        'no AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID or ~/.aws): AWS SDK calls from functions fail at once with a local error; set them, or AWS_ENDPOINT_URL_<SERVICE> for a local service',
      );
    }
    if (functions.length > 0 && sdk === undefined) {
      this.notices.push(
        "the AWS SDK v3 that Lambda's Node.js runtimes include is not installed in this project: functions that import @aws-sdk/* without bundling it fail here (npm install --save-dev the @aws-sdk/client-* they use)",
      );
    }
  }

  /** The function's Timeout, in ms. */
  timeoutMs(functionId: string): number {
    return this.runningFunction(functionId).fn.timeoutSeconds * 1000;
  }

  invoke(functionId: string, event: unknown): Invocation {
    return this.runningFunction(functionId).instances.invoke({ json: JSON.stringify(event) });
  }

  /** Invokes with the proxy event of a REST request, built by the instance. */
  invokeRest(functionId: string, input: RestEventInput): Invocation {
    return this.runningFunction(functionId).instances.invoke({ rest: input });
  }

  private runningFunction(functionId: string): Running {
    const running = this.running.get(functionId);
    if (running === undefined) throw new Error(`no function ${functionId}`);
    return running;
  }

  async close(): Promise<void> {
    await Promise.all(
      [...this.running.values()].map(async ({ code, instances }) => {
        await code.dispose();
        await instances.close();
      }),
    );
    await this.noAws?.close();
    this.noAws = undefined;
    rmSync(this.buildDir, { recursive: true, force: true });
  }
}

function instanceSettings(
  fn: FunctionSpec,
  taskRoot: string,
  runtime: LambdaRuntimeFiles,
  moduleFallbackDirs: string[],
  debugging: boolean,
  noAwsEndpoint: string | undefined,
  environment: Record<string, string>,
): InstanceSettings {
  return {
    runtimePath: runtime.runtimePath,
    environment,
    timeoutMs: debugging ? DEBUG_TIMEOUT_MS : fn.timeoutSeconds * 1000,
    ...(debugging ? { initTimeoutMs: DEBUG_TIMEOUT_MS } : {}),
    data: {
      taskRoot,
      handler: fn.handler,
      nodeMajor: fn.nodeMajor,
      tracing: fn.tracing,
      functionName: fn.id,
      memorySizeMb: fn.memorySizeMb,
      logFormat: fn.logFormat,
      moduleFallbackDirs,
      fallbackHooksPath: runtime.fallbackHooksPath,
      ...(noAwsEndpoint === undefined ? {} : { noAwsEndpoint }),
    },
  };
}
