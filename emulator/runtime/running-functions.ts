import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProxyEventV1Input } from '../formats/proxy-v1-event';
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
import { SpareRuntimes } from './instances/spare-runtimes';
import type { EventSource, FunctionError, Invocation, InvokeOutcome, ResponseSink } from './invocation';
import { NoAwsEndpoint } from './no-aws-endpoint';
import { runtimeSdkModules } from './runtime-sdk';
import { comparableText } from '../shared/comparable-text';

interface Running {
  fn: FunctionSpec;
  /** What of its spec and environment, when it changes, needs new instances. */
  settingsKey: string;
  /** What of its spec, when it changes, needs its code built anew. */
  codeKey: string;
  code: FunctionCodeSource;
  instances: FunctionInstances;
  buildFailure?: BuildFailure;
  initFailure?: InitFailure;
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

/** Functions built side by side at start-up: what the machine runs at once. */
const STARTING_AT_ONCE = Math.max(2, availableParallelism());

/**
 * Up to this many functions, each starts an instance as it starts, so that a failing init is said at
 * start-up; the instances of a larger template start on first use, as Lambda starts them.
 */
export const PREWARM_UP_TO = 20;

/** A function's start, begun when its turn comes or when an invocation needs it, whichever is first. */
class PendingStart {
  private promise: Promise<void> | undefined;

  constructor(private readonly begin: () => Promise<void>) {}

  get started(): Promise<void> {
    this.promise ??= this.begin();
    return this.promise;
  }
}

/** What an invocation of a function that could not be started ends with. */
const STARTING: InvokeOutcome = {
  kind: 'error',
  error: {
    errorType: 'Emulator.NotStarted',
    errorMessage: 'the function could not be started: see the terminal',
    stack: '',
  },
};

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
  /** Said once at start-up: how these functions run differently here. */
  readonly notices: string[] = [];
  private readonly running = new Map<string, Running>();
  /** Functions being built and started for the first time. */
  private readonly starting = new Map<string, { fn: FunctionSpec; start: PendingStart }>();
  private readonly spares: SpareRuntimes;
  /** Instances of functions removed or rebuilt, which may still be finishing an invocation. */
  private readonly retired = new Set<FunctionInstances>();
  /** The retired functions' watchers, closing. */
  private readonly disposals: Promise<void>[] = [];
  private noAwsStart: Promise<NoAwsEndpoint> | undefined;
  private noAws: NoAwsEndpoint | undefined;
  /** Each build of a function gets a folder of its own: retiring instances keep running the old one. */
  private builds = 0;

  private constructor(
    private readonly buildDir: string,
    private readonly runtime: LambdaRuntimeFiles,
    private readonly sdk: string | undefined,
    private readonly aws: AwsAccess,
    private readonly options: StartOptions,
  ) {
    this.spares = new SpareRuntimes(runtime.runtimePath);
  }

  static async start(functions: FunctionSpec[], options: StartOptions = {}): Promise<RunningFunctions> {
    const buildDir = mkdtempSync(join(tmpdir(), 'sam-local-build-'));
    let local: RunningFunctions | undefined;
    try {
      const runtime = await buildLambdaRuntime(buildDir);
      const sdk = runtimeSdkModules(buildDir, options.projectDirs ?? [process.cwd()]);
      const aws = options.aws ?? developerAwsAccess();
      local = new RunningFunctions(buildDir, runtime, sdk, aws, options);
      local.describeSetting(functions, aws, sdk);
    } catch (error) {
      rmSync(buildDir, { recursive: true, force: true });
      throw error;
    }
    // Each function builds and starts in the background: an invocation waits for its own function
    // only, so the first request is served before the others are ready.
    local.ready = local.startAll(functions);
    local.ready.catch(() => undefined);
    return local;
  }

  /**
   * Settles once every function of start() has been built and has started its first instance (or
   * failed to: see buildFailures and initFailures); rejects when one could not be started at all.
   */
  ready: Promise<void> = Promise.resolve();

  /** Functions whose first instance failed to init; they keep failing until their code changes. */
  get initFailures(): InitFailure[] {
    return [...this.running.values()].flatMap((running) => running.initFailure ?? []);
  }

  /** Functions that could not be built; they fail (502 through an API) until a change builds them. */
  get buildFailures(): BuildFailure[] {
    return [...this.running.values()].flatMap((running) => running.buildFailure ?? []);
  }

  /**
   * Brings the running functions to a new template's: new ones start, changed ones get new instances
   * (or a new build), the others are left as they run. Functions the template no longer has go with
   * retireAllBut(), once nothing routes to them.
   */
  async update(functions: FunctionSpec[]): Promise<void> {
    const starting: FunctionSpec[] = [];
    const switching: Promise<void>[] = [];
    for (const fn of functions) {
      const running = this.running.get(fn.id);
      const settingsKey = this.settingsKeyOf(fn);
      if (running === undefined || running.codeKey !== codeKeyOf(fn)) {
        starting.push(fn);
      } else if (running.settingsKey !== settingsKey) {
        running.fn = fn;
        running.settingsKey = settingsKey;
        delete running.initFailure;
        switching.push(running.instances.replace(this.instanceSettings(fn, running.code)));
      }
    }
    await Promise.all([...switching, this.startAll(starting)]);
  }

  /**
   * Retires every function but these: its invocations under way end as they would, its instances go
   * once idle.
   */
  retireAllBut(functions: FunctionSpec[]): void {
    const kept = new Set(functions.map((fn) => fn.id));
    for (const [id, running] of this.running) {
      if (kept.has(id)) continue;
      this.running.delete(id);
      this.retire(running);
    }
  }

  /**
   * Starts (or starts anew) each function, as many at once as the machine runs side by side; a
   * function an invocation waits for starts at once. Every one settles before a failure is thrown.
   */
  private async startAll(functions: FunctionSpec[]): Promise<void> {
    const prewarm = functions.length <= PREWARM_UP_TO;
    const starts = functions.map((fn) => {
      const start = new PendingStart(() => this.startFunction(fn, prewarm));
      // Until its instances exist, an invocation of a new function waits for (and hurries) its start.
      if (!this.running.has(fn.id)) this.starting.set(fn.id, { fn, start });
      return start;
    });
    let next = 0;
    const startInTurn = async (): Promise<void> => {
      for (let start = starts[next++]; start !== undefined; start = starts[next++]) {
        await start.started.catch(() => undefined);
      }
    };
    await Promise.all(Array.from({ length: Math.min(STARTING_AT_ONCE, starts.length) }, startInTurn));
    const started = await Promise.allSettled(starts.map((start) => start.started));
    for (const [index, fn] of functions.entries()) {
      if (this.starting.get(fn.id)?.start === starts[index]) this.starting.delete(fn.id);
    }
    const failed = started.find((result) => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }

  private async startFunction(fn: FunctionSpec, prewarm: boolean): Promise<void> {
    const previous = this.running.get(fn.id);
    if (!this.aws.hasCredentials) {
      this.noAwsStart ??= NoAwsEndpoint.start();
      this.noAws = await this.noAwsStart;
    }
    this.builds += 1;
    const code = await functionCode(fn, join(this.buildDir, `${fn.id}-${this.builds}`)).catch(
      (error: unknown) => {
        throw new BuildError(`${fn.id}: ${(error as Error).message}`, { cause: error });
      },
    );
    if (code.note !== undefined) this.notices.push(`${fn.id}: ${code.note}`);
    const unbuilt = code.failure;
    const fix = unbuilt === undefined ? undefined : buildFix(fn.codeDir, unbuilt.message);
    const instances = new FunctionInstances(
      this.instanceSettings(fn, code),
      this.spares,
      unbuilt === undefined
        ? undefined
        : {
            errorType: 'Emulator.NotBuilt',
            errorMessage: `${fn.id} could not be built: ${unbuilt.message}${fix === undefined ? '' : ` (fix: ${fix})`}`,
            stack: '',
          },
    );
    const running: Running = {
      fn,
      settingsKey: this.settingsKeyOf(fn),
      codeKey: codeKeyOf(fn),
      code,
      instances,
      ...(unbuilt === undefined
        ? {}
        : {
            buildFailure: {
              functionId: fn.id,
              message: unbuilt.message,
              ...(fix === undefined ? {} : { fix }),
            },
          }),
    };
    this.running.set(fn.id, running);
    if (previous !== undefined) this.retire(previous);
    if (unbuilt === undefined && prewarm) {
      const fault = await instances.prewarm();
      if (fault !== undefined) running.initFailure = { functionId: fn.id, error: fault };
    }
    if (this.options.watch === true) {
      const log = this.options.log ?? console.log;
      await code.watch(
        () => {
          delete running.buildFailure;
          delete running.initFailure;
          void instances.replace(this.instanceSettings(running.fn, code)).then(() => {
            log(
              `${fn.id} ${fn.code.kind === 'esbuild' ? 'rebuilt after a change' : 'changed on disk'}: the next request runs the new code`,
            );
          });
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
  }

  private retire(running: Running): void {
    running.instances.retire();
    this.retired.add(running.instances);
    this.disposals.push(running.code.dispose());
  }

  private settingsKeyOf(fn: FunctionSpec): string {
    // Its events are routes to it: they change the gateway, not the function.
    return comparableText([{ ...fn, events: undefined }, this.options.extraEnvironment?.(fn)]);
  }

  private instanceSettings(fn: FunctionSpec, code: FunctionCodeSource): InstanceSettings {
    const nodePath = [
      ...fn.layers.toReversed().flatMap((layer) => layer.nodeModulesDirs(fn.nodeMajor)),
      ...(this.sdk === undefined ? [] : [this.sdk]),
    ];
    const noAwsEndpoint = this.noAws?.url;
    return instanceSettings(
      fn,
      code.root,
      this.runtime,
      nodePath,
      this.options.suspendTimeouts === true,
      noAwsEndpoint,
      {
        ...functionEnvironment(
          fn,
          {
            taskRoot: code.root,
            nodePath,
            aws: this.aws,
            ...(noAwsEndpoint === undefined ? {} : { noAwsEndpoint }),
          },
          this.options.envVars,
        ),
        ...this.options.extraEnvironment?.(fn),
      },
    );
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
    const fn = this.running.get(functionId)?.fn ?? this.starting.get(functionId)?.fn;
    if (fn === undefined) throw new Error(`no function ${functionId}`);
    return fn.timeoutSeconds * 1000;
  }

  /** The function's MemorySize, in MB. */
  memorySizeMb(functionId: string): number {
    const fn = this.running.get(functionId)?.fn ?? this.starting.get(functionId)?.fn;
    if (fn === undefined) throw new Error(`no function ${functionId}`);
    return fn.memorySizeMb;
  }

  /** @param stream where a streaming handler's response goes as it is written (a RESPONSE_STREAM function URL) */
  invoke(functionId: string, event: unknown, stream?: ResponseSink): Invocation {
    return this.invokeWith(functionId, { json: JSON.stringify(event) }, stream);
  }

  /** Invokes with the payload 1.0 proxy event made from this input, built by the instance. */
  invokeProxyV1(functionId: string, input: ProxyEventV1Input): Invocation {
    return this.invokeWith(functionId, { proxyV1: input });
  }

  private invokeWith(functionId: string, event: EventSource, stream?: ResponseSink): Invocation {
    const running = this.running.get(functionId);
    if (running !== undefined) return running.instances.invoke(event, undefined, stream);
    const starting = this.starting.get(functionId);
    if (starting === undefined) throw new Error(`no function ${functionId}`);
    // Its first build is under way: the invocation waits for it (a cold start, as Lambda's first).
    const invocation: Invocation = {
      awsRequestId: randomUUID(),
      logs: [],
      outcome: Promise.resolve(STARTING),
    };
    invocation.outcome = starting.start.started.then(
      () => {
        const started = this.running.get(functionId);
        return started === undefined ? STARTING : started.instances.invoke(event, invocation, stream).outcome;
      },
      () => STARTING,
    );
    return invocation;
  }

  async close(): Promise<void> {
    await Promise.all([
      ...[...this.running.values()].map(async ({ code, instances }) => {
        await code.dispose();
        await instances.close();
      }),
      ...[...this.retired].map((instances) => instances.close()),
      ...this.disposals,
    ]);
    await this.spares.close();
    await (await this.noAwsStart)?.close();
    this.noAwsStart = undefined;
    this.noAws = undefined;
    rmSync(this.buildDir, { recursive: true, force: true });
  }
}

/** What of a function, when it changes, needs its code built (or read) anew. */
function codeKeyOf(fn: FunctionSpec): string {
  return comparableText([fn.codeDir, fn.code, fn.handler, fn.runtime, fn.layers]);
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
    environment,
    timeoutMs: debugging ? DEBUG_TIMEOUT_MS : fn.timeoutSeconds * 1000,
    ...(fn.reservedConcurrency === undefined ? {} : { reservedConcurrency: fn.reservedConcurrency }),
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
