import type { Worker } from 'node:worker_threads';
import type {
  EventSource,
  FunctionError,
  InvocationMetrics,
  InvokeOutcome,
  ResponseSink,
} from '../invocation';
import { markQueued, MAX_QUEUED_PER_INSTANCE, newClaims, startedCount, takeBack } from './claims';
import { newLogSpill, readLogSpill } from './log-spill';
import type { FromInstance, InitInstance, InstanceData, ToInstance } from './protocol';
import type { SpareRuntimes } from './spare-runtimes';
import { SeqWindow } from './seq-window';

/** One invocation on its way: its event, and where its log lines and outcome go. */
export interface Job {
  readonly awsRequestId: string;
  readonly event: EventSource;
  readonly logs: string[];
  readonly settle: (outcome: InvokeOutcome) => void;
  /** For a caller that takes a streamed response (a RESPONSE_STREAM function URL). */
  readonly stream?: ResponseSink;
}

export interface InstanceSettings {
  data: Omit<InstanceData, 'claims' | 'logSpill'>;
  environment: Record<string, string>;
  timeoutMs: number;
  /** Lambda's 10 s by default; longer only under a debugger. */
  initTimeoutMs?: number;
  /** `ReservedConcurrentExecutions`: invocations beyond it at once are throttled. */
  reservedConcurrency?: number;
}

/** What an instance tells the function's instances about its jobs. */
export interface InstanceEvents {
  /** A job ended; durationMs is the handler's own time, when it ran to a result or an error. */
  done: (instance: Instance, durationMs: number | undefined) => void;
  /** Jobs this instance will never start, to run elsewhere. */
  returned: (instance: Instance, jobs: Job[]) => void;
  /** The instance is gone: timed out, crashed or terminated. */
  exited: (instance: Instance) => void;
}

/**
 * A job that waits behind one that has run this long is taken back and run elsewhere, as Lambda
 * would have sent it to another instance in the first place.
 */
export const STALL_MS = 10;

/** Lambda's limit on the init phase, in which the handler's module is loaded. */
export const INIT_TIMEOUT_MS = 10_000;

/**
 * One Lambda instance: a worker thread with its own process.env and module state, running one
 * invocation at a time. Jobs may queue in it behind a running one; it runs them in order.
 */
export class Instance {
  readonly ready: Promise<FunctionError | undefined>;
  /**
   * Jobs here waited STALL_MS without the instance starting any: it is stuck in an invocation or in
   * work left over from one. It takes one job at a time, and nothing queued, until it makes progress.
   */
  private stalled = false;
  private isReady = false;
  private exited = false;
  private readonly worker: Worker;
  private readonly claims = newClaims();
  private readonly logSpill = newLogSpill();
  /** By sequence number, in the order they were handed over. */
  private readonly pending = new SeqWindow<{ job: Job; timer: NodeJS.Timeout }>(MAX_QUEUED_PER_INSTANCE);
  private nextSeq = 0;
  /** Reported with the first invocation to end here, as Lambda reports a cold start's init. */
  private initDurationMs: number | undefined;
  private stallWatch: NodeJS.Timeout | undefined;
  private outbox: ToInstance[] = [];
  private readonly flush = (): void => {
    const messages = this.outbox;
    this.outbox = [];
    if (!this.exited) this.worker.postMessage(messages);
  };

  constructor(
    private readonly settings: InstanceSettings,
    private readonly events: InstanceEvents,
    spares: SpareRuntimes,
  ) {
    this.worker = spares.take(settings.data.memorySizeMb);
    // From here: Lambda's init phase (a worker thread's own clock starts with the process).
    const spawnedAt = performance.now();
    this.worker.postMessage({
      data: { ...settings.data, claims: this.claims.buffer, logSpill: this.logSpill },
      environment: settings.environment,
    } satisfies InitInstance);
    this.worker.unref();
    this.ready = new Promise((resolve) => {
      const initTimer = setTimeout(() => {
        const fault = {
          errorType: 'Sandbox.Timedout',
          errorMessage: `the init phase (loading ${settings.data.handler}) ran past Lambda's ${INIT_TIMEOUT_MS / 1000}-second limit`,
          stack: '',
        };
        resolve(fault);
        this.end({ kind: 'error', error: fault });
        void this.terminate();
      }, settings.initTimeoutMs ?? INIT_TIMEOUT_MS);
      initTimer.unref();
      this.worker.on('message', (messages: FromInstance[]) => {
        for (const message of messages) {
          if (message.type === 'ready') {
            clearTimeout(initTimer);
            this.isReady = true;
            this.initDurationMs = performance.now() - spawnedAt;
            resolve(undefined);
          } else if (message.type === 'init-error') {
            clearTimeout(initTimer);
            resolve(message.error);
          } else this.onInvocationMessage(message);
        }
      });
      // A fault outside any awaited code (a throw in a timer, process.exit) ends the instance.
      this.worker.on('error', (error) => {
        clearTimeout(initTimer);
        const fault =
          (error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? {
                errorType: 'Runtime.OutOfMemory',
                errorMessage: `Runtime exited with error: the function ran out of memory (MemorySize ${settings.data.memorySizeMb} MB)`,
                stack: '',
              }
            : { errorType: error.name, errorMessage: error.message, stack: error.stack ?? '' };
        resolve(fault);
        this.end({ kind: 'error', error: fault });
      });
      this.worker.on('exit', (code) => {
        clearTimeout(initTimer);
        const fault = {
          errorType: 'Runtime.ExitError',
          errorMessage: `the instance exited with code ${code}`,
          stack: '',
        };
        resolve(fault);
        this.end({ kind: 'error', error: fault });
      });
    });
  }

  /** Jobs handed over and not yet ended, the running one included. */
  get load(): number {
    return this.pending.size;
  }

  /** Whether a job handed over now would be taken: warm, alive, and with room in its queue. */
  get accepting(): boolean {
    if (!this.isReady || this.exited || (this.stalled && this.pending.size > 0)) return false;
    const { oldest } = this.pending;
    // A claim slot is reused only once the job that held it has ended.
    return oldest === undefined || this.nextSeq - oldest < MAX_QUEUED_PER_INSTANCE;
  }

  dispatch(job: Job): void {
    const seq = this.nextSeq++;
    markQueued(this.claims, seq);
    // Timed from the hand-over: a job waits at most STALL_MS behind another before it is taken back.
    const timer = setTimeout(() => {
      this.timeOut(seq);
    }, this.settings.timeoutMs);
    this.pending.set(seq, { job, timer });
    const message: ToInstance = {
      seq,
      event: job.event,
      awsRequestId: job.awsRequestId,
      remainingMs: this.settings.timeoutMs,
    };
    // Handed over together once this turn of the event loop is done: one wake-up for a burst.
    if (this.outbox.push(message) === 1) setImmediate(this.flush);
    if (this.pending.size > 1) this.watchForStall();
  }

  /** Takes back every job that has not started, for the caller to run elsewhere. */
  takeBackQueued(): Job[] {
    const jobs: Job[] = [];
    for (const [seq, { job, timer }] of this.pending.entries()) {
      if (takeBack(this.claims, seq)) {
        clearTimeout(timer);
        this.pending.delete(seq);
        jobs.push(job);
      }
    }
    return jobs;
  }

  terminate(): Promise<number> {
    this.exited = true;
    return this.worker.terminate();
  }

  private onInvocationMessage(message: Exclude<FromInstance, { type: 'ready' | 'init-error' }>): void {
    if (message.type === 'log') {
      this.pending.get(message.seq)?.job.logs.push(message.line);
      return;
    }
    if (message.type === 'prelude') {
      this.pending.get(message.seq)?.job.stream?.prelude(message.metadata);
      return;
    }
    if (message.type === 'chunk') {
      const { data } = message;
      this.pending
        .get(message.seq)
        ?.job.stream?.chunk(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
      return;
    }
    this.stalled = false;
    const metrics: InvocationMetrics = {
      durationMs: message.durationMs,
      memoryUsedMb: message.memoryUsedMb,
      ...(this.initDurationMs === undefined ? {} : { initDurationMs: this.initDurationMs }),
    };
    this.initDurationMs = undefined;
    const outcome: InvokeOutcome =
      message.type === 'result'
        ? { kind: 'result', result: JSON.parse(message.resultJson) as unknown, metrics }
        : { kind: 'error', error: message.error, metrics };
    this.finish(message.seq, outcome);
    this.events.done(this, message.durationMs);
  }

  private finish(seq: number, outcome: InvokeOutcome): void {
    const entry = this.pending.get(seq);
    if (entry === undefined) return;
    this.pending.delete(seq);
    clearTimeout(entry.timer);
    entry.job.settle(outcome);
  }

  private timeOut(seq: number): void {
    const entry = this.pending.get(seq);
    if (entry === undefined) return;
    if (takeBack(this.claims, seq)) {
      // It never started here: it gets a whole Timeout of its own elsewhere.
      this.pending.delete(seq);
      this.events.returned(this, [entry.job]);
      return;
    }
    // As Lambda does, a timed-out instance is thrown away, even one stuck in a synchronous loop.
    this.end({ kind: 'timeout', timeoutMs: this.settings.timeoutMs });
    void this.terminate();
  }

  /** The instance is done for: queued jobs go elsewhere, the running one ends with this outcome. */
  private end(outcome: InvokeOutcome): void {
    const wasUp = !this.exited;
    this.exited = true;
    clearTimeout(this.stallWatch);
    const queued = this.takeBackQueued();
    for (const [seq, { job }] of this.pending.entries()) {
      // Its lines may not all have been sent before the instance stopped; the spill has them all.
      const lines = readLogSpill(this.logSpill, seq);
      if (lines !== undefined) job.logs.splice(0, job.logs.length, ...lines);
      this.finish(seq, outcome);
    }
    if (queued.length > 0) this.events.returned(this, queued);
    if (wasUp) this.events.exited(this);
  }

  /** While jobs queue here, checks every STALL_MS that the instance starts them; if not, they go elsewhere. */
  private watchForStall(): void {
    if (this.stallWatch !== undefined) return;
    const startedBefore = startedCount(this.claims);
    this.stallWatch = setTimeout(() => {
      this.stallWatch = undefined;
      if (this.pending.size <= 1 || this.exited) return;
      if (startedCount(this.claims) !== startedBefore) {
        this.stalled = false;
      } else {
        const waiting = this.takeBackQueued();
        if (waiting.length > 0) {
          this.stalled = true;
          this.events.returned(this, waiting);
        }
      }
      if (this.pending.size > 1) this.watchForStall();
    }, STALL_MS);
    this.stallWatch.unref();
  }
}
