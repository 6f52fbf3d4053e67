import { Worker } from 'node:worker_threads';
import { LAMBDA_TZ } from '../environment';

/** Spares are made this long after the last one was taken: never in the way of a start-up or a burst. */
const REFILL_AFTER_MS = 300;

/** Spares kept per MemorySize: a save of a file two functions share starts two instances at once. */
const SPARES_PER_SIZE = 2;

/**
 * Worker threads with the Lambda runtime loaded and no function yet, one per MemorySize (a thread's
 * heap limit is fixed when it starts). Most of a cold start is the thread's own start and the
 * runtime's loading; an instance that takes a spare only loads its handler. Spares are made after
 * the first instance of a size has started, and again a while after each is taken.
 */
export class SpareRuntimes {
  private readonly spares = new Map<number, Worker[]>();
  private readonly refills = new Map<number, NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly runtimePath: string) {}

  /** A runtime thread for an instance of this MemorySize: a spare if there is one, else a new one. */
  take(memorySizeMb: number): Worker {
    const spare = this.spares.get(memorySizeMb)?.shift();
    spare?.removeAllListeners();
    this.refillLater(memorySizeMb);
    return spare ?? runtimeWorker(this.runtimePath, memorySizeMb);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.refills.values()) clearTimeout(timer);
    this.refills.clear();
    const spares = [...this.spares.values()].flat();
    this.spares.clear();
    await Promise.all(spares.map((worker) => worker.terminate()));
  }

  private refillLater(memorySizeMb: number): void {
    if (this.closed || this.refills.has(memorySizeMb)) return;
    const timer = setTimeout(() => {
      this.refills.delete(memorySizeMb);
      const spares = this.spares.get(memorySizeMb) ?? [];
      this.spares.set(memorySizeMb, spares);
      while (!this.closed && spares.length < SPARES_PER_SIZE) {
        const worker = runtimeWorker(this.runtimePath, memorySizeMb);
        worker.unref();
        worker.on('error', () => undefined);
        worker.on('exit', () => {
          const at = spares.indexOf(worker);
          if (at >= 0) spares.splice(at, 1);
        });
        spares.push(worker);
      }
    }, REFILL_AFTER_MS);
    timer.unref();
    this.refills.set(memorySizeMb, timer);
  }
}

/**
 * A thread for one instance. Its process.env is its own copy, filled with the function's variables
 * when it is given its function (TZ is Lambda's from the start: setting it later would change the
 * time zone of the whole process). execArgv [] keeps the parent's loaders out. Lambda ends a function
 * that uses more than its MemorySize: the thread's heap is limited to it (buffers and other memory
 * outside V8's heap are not counted; the README says so).
 */
function runtimeWorker(runtimePath: string, memorySizeMb: number): Worker {
  return new Worker(runtimePath, {
    env: { TZ: LAMBDA_TZ },
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: memorySizeMb },
  });
}
