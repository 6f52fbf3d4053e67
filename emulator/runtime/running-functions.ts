import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RestEventInput } from '../rest/proxy-event';
import type { FunctionSpec } from '../template/functions';
import { BuildError, FunctionBundle } from './build/function-bundle';
import { buildLambdaRuntime } from './build/lambda-runtime-bundle';
import { functionEnvironment, type EnvVarsFile } from './environment';
import type { InstanceSettings } from './instances/instance';
import { FunctionInstances } from './instances/instance-pool';
import type { Invocation } from './invocation';

export class FunctionInitError extends Error {
  override readonly name = 'FunctionInitError';
}

interface Running {
  fn: FunctionSpec;
  bundle: FunctionBundle;
  instances: FunctionInstances;
}

export interface StartOptions {
  envVars?: EnvVarsFile;
  /** Rebuild on every change under a function's CodeUri, and run the new code from the next request. */
  watch?: boolean;
  log?: (line: string) => void;
  /** Variables the emulator itself sets for a function, such as an endpoint of its own. */
  extraEnvironment?: (fn: FunctionSpec) => Record<string, string>;
}

/** The template's functions, built as SAM builds them and running as Lambda runs them. */
export class RunningFunctions {
  private constructor(
    private readonly running: Map<string, Running>,
    private readonly buildDir: string,
  ) {}

  static async start(functions: FunctionSpec[], options: StartOptions = {}): Promise<RunningFunctions> {
    const buildDir = mkdtempSync(join(tmpdir(), 'sam-local-build-'));
    const running = new Map<string, Running>();
    const local = new RunningFunctions(running, buildDir);
    try {
      const runtimePath = await buildLambdaRuntime(buildDir);
      // Every function settles before a failure is thrown, so that close() finds all that started.
      const started = await Promise.allSettled(
        functions.map(async (fn) => {
          const bundle = await FunctionBundle.create(fn, join(buildDir, fn.id)).catch((error: unknown) => {
            throw new BuildError(`${fn.id}: ${(error as Error).message}`, { cause: error });
          });
          const environment = {
            ...functionEnvironment(fn, options.envVars),
            ...options.extraEnvironment?.(fn),
          };
          const instances = new FunctionInstances(
            instanceSettings(fn, bundle.outdir, runtimePath, environment),
          );
          running.set(fn.id, { fn, bundle, instances });
          const fault = await instances.prewarm();
          if (fault !== undefined)
            throw new FunctionInitError(`${fn.id}: ${fault.errorType}: ${fault.errorMessage}`);
          if (options.watch === true) {
            const log = options.log ?? console.log;
            bundle.watch(
              () => {
                instances.replace(instanceSettings(fn, bundle.outdir, runtimePath, environment));
                log(`${fn.id} rebuilt after a change: the next request runs the new code`);
              },
              (error) => {
                log(`${fn.id} rebuild failed, still serving the previous build: ${error.message}`);
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
      [...this.running.values()].map(async ({ bundle, instances }) => {
        await bundle.dispose();
        await instances.close();
      }),
    );
    rmSync(this.buildDir, { recursive: true, force: true });
  }
}

function instanceSettings(
  fn: FunctionSpec,
  outdir: string,
  runtimePath: string,
  environment: Record<string, string>,
): InstanceSettings {
  return {
    runtimePath,
    environment,
    timeoutMs: fn.timeoutSeconds * 1000,
    data: {
      bundlePath: join(outdir, fn.bundleFile),
      bundleName: fn.bundleFile,
      handlerExport: fn.handlerExport,
      functionName: fn.id,
      memorySizeMb: fn.memorySizeMb,
      logFormat: fn.logFormat,
    },
  };
}
