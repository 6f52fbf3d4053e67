import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { FromInstance, FunctionError, InstanceData, ToInstance } from './instance-protocol';

export type InvokeOutcome =
  /** The returned value, parsed once from the JSON the runtime sent, as Lambda's response payload. */
  | { kind: 'result'; result: unknown }
  | { kind: 'error'; error: FunctionError }
  | { kind: 'timeout'; timeoutMs: number };

export interface Invocation {
  awsRequestId: string;
  outcome: Promise<InvokeOutcome>;
  logs: string[];
}

export interface InstanceSettings {
  runtimePath: string;
  data: InstanceData;
  environment: Record<string, string>;
  timeoutMs: number;
}

/** One Lambda instance: a worker thread with its own process.env and module state. */
class Instance {
  readonly ready: Promise<FunctionError | undefined>;
  private readonly worker: Worker;
  private current: { logs: string[]; settle: (outcome: InvokeOutcome) => void } | undefined;
  private exited = false;

  constructor(settings: InstanceSettings) {
    // `env` gives the thread its own copy of process.env; execArgv [] keeps the parent's loaders out.
    this.worker = new Worker(settings.runtimePath, {
      workerData: settings.data,
      env: settings.environment,
      execArgv: [],
    });
    this.worker.unref();
    this.ready = new Promise((resolve) => {
      this.worker.on('message', (message: FromInstance) => {
        if (message.type === 'ready') resolve(undefined);
        else if (message.type === 'init-error') resolve(message.error);
        else this.onInvocationMessage(message);
      });
      // A fault outside any awaited code (a throw in a timer, process.exit) ends the instance.
      this.worker.on('error', (error) => {
        const fault = { errorType: error.name, errorMessage: error.message, stack: error.stack ?? '' };
        resolve(fault);
        this.settle({ kind: 'error', error: fault });
      });
      this.worker.on('exit', (code) => {
        this.exited = true;
        const fault = {
          errorType: 'Runtime.ExitError',
          errorMessage: `the instance exited with code ${code}`,
          stack: '',
        };
        resolve(fault);
        this.settle({ kind: 'error', error: fault });
      });
    });
  }

  get usable(): boolean {
    return !this.exited;
  }

  invoke(message: ToInstance, timeoutMs: number, logs: string[]): Promise<InvokeOutcome> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        // As Lambda does, a timed-out instance is thrown away, even one stuck in a synchronous loop.
        this.settle({ kind: 'timeout', timeoutMs });
        void this.terminate();
      }, timeoutMs);
      this.current = {
        logs,
        settle: (outcome) => {
          clearTimeout(timer);
          resolve(outcome);
        },
      };
      this.worker.postMessage(message);
    });
  }

  terminate(): Promise<number> {
    this.exited = true;
    return this.worker.terminate();
  }

  private onInvocationMessage(message: FromInstance): void {
    if (message.type === 'log') this.current?.logs.push(message.line);
    else if (message.type === 'result')
      this.settle({ kind: 'result', result: JSON.parse(message.resultJson) as unknown });
    else if (message.type === 'error') this.settle({ kind: 'error', error: message.error });
  }

  private settle(outcome: InvokeOutcome): void {
    const current = this.current;
    this.current = undefined;
    current?.settle(outcome);
  }
}

/**
 * The most instances one function runs at once. Lambda would scale out further; on a developer's
 * machine each instance is a thread with its own heap, so requests beyond this wait for a free one.
 */
export const MAX_INSTANCES_PER_FUNCTION = 10;

/**
 * The instances of one function: each runs one invocation at a time, and a request that finds all
 * busy gets a new one, as Lambda scales out (up to MAX_INSTANCES_PER_FUNCTION). Idle instances stay
 * warm until the code changes.
 */
export class FunctionInstances {
  private idle: Instance[] = [];
  private readonly all = new Set<Instance>();
  private readonly waiting: ((instance: Instance) => void)[] = [];
  private generation = 0;

  constructor(private settings: InstanceSettings) {}

  /** Starts one instance ahead of the first request and reports what its init phase threw, if anything. */
  async prewarm(): Promise<FunctionError | undefined> {
    const instance = this.spawn();
    const fault = await instance.ready;
    if (fault === undefined) this.release(instance, this.generation, true);
    else await this.discard(instance);
    return fault;
  }

  invoke(event: unknown): Invocation {
    const awsRequestId = randomUUID();
    const logs: string[] = [];
    return { awsRequestId, logs, outcome: this.run(JSON.stringify(event), awsRequestId, logs) };
  }

  /** New code: idle instances go now, busy ones when they finish; the next request starts fresh. */
  async replace(settings: InstanceSettings): Promise<void> {
    this.settings = settings;
    this.generation++;
    const idle = this.idle;
    this.idle = [];
    await Promise.all(idle.map((instance) => this.discard(instance)));
  }

  async close(): Promise<void> {
    this.idle = [];
    await Promise.all([...this.all].map((instance) => this.discard(instance)));
  }

  private async run(eventJson: string, awsRequestId: string, logs: string[]): Promise<InvokeOutcome> {
    const instance = await this.acquire();
    const generation = this.generation;
    const initFault = await instance.ready;
    if (initFault !== undefined) {
      this.release(instance, generation, false);
      return { kind: 'error', error: initFault };
    }
    const { timeoutMs } = this.settings;
    const outcome = await instance.invoke(
      { eventJson, awsRequestId, remainingMs: timeoutMs },
      timeoutMs,
      logs,
    );
    this.release(instance, generation, outcome.kind !== 'timeout');
    return outcome;
  }

  private acquire(): Promise<Instance> {
    const idle = this.idle.pop();
    if (idle !== undefined) return Promise.resolve(idle);
    if (this.all.size < MAX_INSTANCES_PER_FUNCTION) return Promise.resolve(this.spawn());
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands a finished instance to the next waiting request, or keeps it warm; a spent one is replaced. */
  private release(instance: Instance, generation: number, reusable: boolean): void {
    const keep = reusable && instance.usable && generation === this.generation;
    if (!keep) void this.discard(instance);
    const next = this.waiting.shift();
    if (next !== undefined) next(keep ? instance : this.spawn());
    else if (keep) this.idle.push(instance);
  }

  private spawn(): Instance {
    const instance = new Instance(this.settings);
    this.all.add(instance);
    return instance;
  }

  private async discard(instance: Instance): Promise<void> {
    this.all.delete(instance);
    await instance.terminate();
  }
}
