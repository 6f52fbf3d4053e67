import type { AccessLog } from './access-log';
import type { ExecutionStep } from './invocation-record';

/**
 * A request's stages as they end, each timed from the end of the one before (the first from the
 * moment the request reached the front door): the console's timeline of that request. Two numbers
 * and an object per stage: the stages' details are what they already hold, never copies.
 */
export class StageClock {
  readonly steps: ExecutionStep[] = [];
  /** Set by the gateway that knows the request's stage, when that stage has an access log. */
  accessLog?: AccessLog;
  private readonly startedAt = performance.now();
  private last = this.startedAt;

  /**
   * Records a stage ending now; `detail` is what the console shows under it, or a function that
   * makes it when someone reads it (see detailOf).
   */
  step(stage: string, detail?: unknown): void {
    const now = performance.now();
    this.steps.push({ stage, detail, startMs: this.last - this.startedAt, ms: now - this.last });
    this.last = now;
  }

  /** Since the request reached the front door. */
  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }
}

/** A step's detail as the console shows it: made now if it was left to be made when read. */
export function detailOf(step: ExecutionStep): unknown {
  return typeof step.detail === 'function' ? (step.detail as () => unknown)() : step.detail;
}

/** How long the request's `stage` took (ms, rounded), or undefined when it had none. */
export function stageMs(steps: ExecutionStep[], stage: string): number | undefined {
  const ms = steps.find((step) => step.stage === stage)?.ms;
  return ms === undefined ? undefined : Math.round(ms);
}
