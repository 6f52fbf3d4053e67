import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import {
  THROTTLED,
  type EventSource,
  type FunctionError,
  type Invocation,
  type InvokeOutcome,
  type ResponseSink,
} from '../invocation';
import { Instance, STALL_MS, type InstanceSettings, type Job } from './instance';
import type { SpareRuntimes } from './spare-runtimes';

/**
 * The most instances one function runs at once: what this machine can run side by side. Lambda
 * would scale out further; here each instance is a thread with its own heap, so requests beyond
 * this wait for a free one, as the service queues nothing but runs everything (only the latency of
 * concurrent requests differs, which the README says).
 */
export const MAX_INSTANCES_PER_FUNCTION = Math.max(2, availableParallelism());

/**
 * An instance idle this long is retired, as Lambda retires idle execution environments (after
 * minutes); sooner for all but the first, since each holds a thread and its heap.
 */
export const IDLE_RETIRE_MS = { first: 10 * 60_000, others: 60_000 };

const STOPPED: FunctionError = {
  errorType: 'Emulator.Stopping',
  errorMessage: 'the local emulator is stopping',
  stack: '',
};

const REMOVED: FunctionError = {
  errorType: 'Emulator.FunctionRemoved',
  errorMessage: 'the function was removed from the template while this invocation waited',
  stack: '',
};

/**
 * The instances of one function. Each runs one invocation at a time. A request goes to the first
 * warm instance that is free or will be free within STALL_MS (waking or starting another thread
 * costs more than waiting behind a sub-millisecond invocation); otherwise the function scales out
 * as Lambda does, up to MAX_INSTANCES_PER_FUNCTION, and beyond that waits for the first free one.
 * Beyond its ReservedConcurrentExecutions an invocation is throttled, as Lambda throttles it.
 */
export class FunctionInstances {
  /** In the order they started: the first ones get the work, so the others can sleep. */
  private instances: Instance[] = [];
  private readonly waiting: Job[] = [];
  /** The handler's recent duration, biased to the slow side; unknown until the first invocation ends. */
  private typicalMs = Number.POSITIVE_INFINITY;
  private closed = false;
  /** The new code's first instance, starting while the old code's instances serve. */
  private warming: Instance | undefined;
  /** Instances of a retired function that were still busy. */
  private retired: Instance[] = [];
  /** Invocations handed to this function and not yet ended: Lambda's concurrency. */
  private inFlight = 0;
  /** When each instance last ended an invocation (or started). */
  private readonly lastUsed = new WeakMap<Instance, number>();
  private idleSweep: NodeJS.Timeout | undefined;

  /**
   * @param unavailable why the function has no code to run yet: every invocation fails with it,
   * and no instance starts, until replace() gives it code.
   */
  constructor(
    private settings: InstanceSettings,
    private readonly spares: SpareRuntimes,
    private unavailable?: FunctionError,
  ) {}

  /** Starts one instance ahead of the first request and reports what its init phase threw, if anything. */
  async prewarm(): Promise<FunctionError | undefined> {
    const instance = this.spawn();
    const fault = await instance.ready;
    if (fault !== undefined) this.discard(instance);
    return fault;
  }

  /** @param as the request id and log list to use, when the invocation was announced before it came here */
  invoke(
    event: EventSource,
    as?: Pick<Invocation, 'awsRequestId' | 'logs'>,
    stream?: ResponseSink,
  ): Invocation {
    const awsRequestId = as?.awsRequestId ?? randomUUID();
    const logs = as?.logs ?? [];
    const unavailable = this.unavailable;
    const reserved = this.settings.reservedConcurrency;
    const outcome = new Promise<InvokeOutcome>((settle) => {
      if (unavailable !== undefined) settle({ kind: 'error', error: unavailable });
      else if (reserved !== undefined && this.inFlight >= reserved)
        settle({ kind: 'error', error: THROTTLED });
      else if (reserved === undefined)
        this.submit({ awsRequestId, event, logs, settle, ...(stream === undefined ? {} : { stream }) });
      else {
        // Counted only where a limit is set: the common case pays nothing for it.
        this.inFlight += 1;
        this.submit({
          awsRequestId,
          event,
          logs,
          ...(stream === undefined ? {} : { stream }),
          settle: (ended) => {
            this.inFlight -= 1;
            settle(ended);
          },
        });
      }
    });
    return { awsRequestId, logs, outcome };
  }

  /**
   * New code. The instances of the old code keep serving until the new code's first instance is
   * ready (a save never makes requests wait for a cold start, nor start several at once); then they
   * go as soon as they are idle, and the jobs queued on them run on the new code. Resolves once
   * every new request runs the new code.
   */
  replace(settings: InstanceSettings): Promise<void> {
    this.settings = settings;
    this.unavailable = undefined;
    if (this.closed) return Promise.resolve();
    if (this.warming !== undefined) void this.warming.terminate();
    this.warming = undefined;
    if (!this.instances.some((instance) => instance.accepting)) {
      this.switchTo([]);
      // The new code's first instance starts now, not when the next request comes: after a save,
      // that request finds it warm (its init errors reach that request as they would anyway).
      void this.prewarm();
      return Promise.resolve();
    }
    const fresh = this.create();
    this.warming = fresh;
    return fresh.ready.then((fault) => {
      if (this.warming !== fresh) {
        // Newer code came (or the function went) while it started.
        void fresh.terminate();
        return;
      }
      this.warming = undefined;
      if (fault !== undefined) void fresh.terminate();
      this.switchTo(fault === undefined ? [fresh] : []);
    });
  }

  /** From now on these instances serve; the others go once idle, their queued jobs moved here. */
  private switchTo(instances: Instance[]): void {
    this.typicalMs = Number.POSITIVE_INFINITY;
    const old = this.instances;
    this.instances = instances;
    const waiting = this.waiting.splice(0);
    for (const instance of old) {
      for (const job of instance.takeBackQueued()) this.submit(job);
      if (instance.load === 0) void instance.terminate();
    }
    for (const job of waiting) this.submit(job);
  }

  /**
   * The function is gone from the template: invocations under way end as they would, the ones that
   * wait fail, and each instance goes once it is idle.
   */
  retire(): void {
    this.closed = true;
    clearInterval(this.idleSweep);
    for (const job of this.waiting.splice(0)) job.settle({ kind: 'error', error: REMOVED });
    this.retired = this.instances;
    this.instances = [];
    if (this.warming !== undefined) void this.warming.terminate();
    this.warming = undefined;
    for (const instance of this.retired) {
      for (const job of instance.takeBackQueued()) job.settle({ kind: 'error', error: REMOVED });
      if (instance.load === 0) void instance.terminate();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.idleSweep);
    for (const job of this.waiting.splice(0)) job.settle({ kind: 'error', error: STOPPED });
    const all = [...this.instances, ...this.retired, ...(this.warming === undefined ? [] : [this.warming])];
    this.instances = [];
    this.warming = undefined;
    this.retired = [];
    await Promise.all(all.map((instance) => instance.terminate()));
  }

  /** Runs a job on the instance pick() chooses, on a new one, or when one is free; never on `avoid`. */
  private submit(job: Job, avoid?: Instance): void {
    if (this.closed) {
      // The emulator is stopping: no thread may start that nothing would end.
      job.settle({ kind: 'error', error: STOPPED });
      return;
    }
    const instance = this.pick(avoid);
    if (instance !== undefined) instance.dispatch(job);
    // While new code warms up, the old code does not scale out: the job waits for a free instance.
    else if (this.instances.length < MAX_INSTANCES_PER_FUNCTION && this.warming === undefined)
      void this.startFor(job);
    else this.waiting.push(job);
  }

  private pick(avoid?: Instance): Instance | undefined {
    for (const instance of this.instances) {
      if (!instance.accepting || instance === avoid) continue;
      if (instance.load === 0 || instance.load * this.typicalMs < STALL_MS) return instance;
    }
    return undefined;
  }

  /** Scales out: a new instance, whose cold start this job waits for. */
  private async startFor(job: Job): Promise<void> {
    const instance = this.spawn();
    const fault = await instance.ready;
    if (!this.instances.includes(instance) && !this.closed) {
      // New code came while it started, and retired it: the job runs on the new code instead.
      void instance.terminate();
      this.submit(job);
      return;
    }
    if (fault === undefined) {
      instance.dispatch(job);
      return;
    }
    this.discard(instance);
    job.settle({ kind: 'error', error: fault });
    this.drainWaiting();
  }

  private spawn(): Instance {
    const instance = this.create();
    this.instances.push(instance);
    this.lastUsed.set(instance, Date.now());
    this.idleSweep ??= setInterval(() => {
      this.retireIdle();
    }, IDLE_RETIRE_MS.others / 2).unref();
    return instance;
  }

  /** The instances serving now. */
  get size(): number {
    return this.instances.length;
  }

  /** Idle instances go: all but the first after a minute, the first after ten (swept every 30 s). */
  retireIdle(now = Date.now()): void {
    for (const [index, instance] of [...this.instances].entries()) {
      const idleFor = now - (this.lastUsed.get(instance) ?? now);
      const limit = index === 0 ? IDLE_RETIRE_MS.first : IDLE_RETIRE_MS.others;
      if (instance.load === 0 && instance.accepting && idleFor >= limit) this.discard(instance);
    }
  }

  /** An instance of the current code, not yet among those that serve. */
  private create(): Instance {
    return new Instance(
      this.settings,
      {
        done: (instance, durationMs) => {
          this.lastUsed.set(instance, Date.now());
          if (!this.instances.includes(instance)) {
            // Retired by new code: it goes once its last job has ended.
            if (instance.load === 0) void instance.terminate();
            return;
          }
          // A slow invocation counts at once and quick ones bring the estimate down gradually, so a
          // function with slow routes among quick ones (a WebSocket greet after $connect) rarely queues.
          if (durationMs !== undefined) {
            this.typicalMs =
              durationMs >= this.typicalMs || this.typicalMs === Number.POSITIVE_INFINITY
                ? durationMs
                : 0.8 * this.typicalMs + 0.2 * durationMs;
          }
          this.drainWaiting();
        },
        returned: (from, jobs) => {
          // They were waiting already: ahead of the jobs that wait here, and not back where they were.
          const later = this.waiting.splice(0);
          for (const job of jobs) this.submit(job, from);
          this.waiting.push(...later);
        },
        exited: (gone) => {
          this.instances = this.instances.filter((instance) => instance !== gone);
          this.drainWaiting();
        },
      },
      this.spares,
    );
  }

  private drainWaiting(): void {
    while (this.waiting.length > 0) {
      const instance = this.pick();
      const job = this.waiting[0];
      if (instance === undefined || job === undefined) return;
      this.waiting.shift();
      instance.dispatch(job);
    }
  }

  private discard(instance: Instance): void {
    this.instances = this.instances.filter((other) => other !== instance);
    void instance.terminate();
  }
}
