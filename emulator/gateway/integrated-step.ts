import type { InvokeOutcome } from '../runtime/invocation';
import type { RunningFunctions } from '../runtime/running-functions';

/**
 * What the console's timeline says of a Lambda invocation, as its REPORT line says it: init,
 * duration, billed duration (init included, as Lambda bills it), memory size and memory used.
 */
export function integrated(
  functionId: string,
  requestId: string,
  outcome: InvokeOutcome | undefined,
  functions: RunningFunctions,
): Record<string, unknown> {
  const memorySizeMb = functions.memorySizeMb(functionId);
  if (outcome === undefined)
    return { function: functionId, requestId, memorySizeMb, result: 'still running' };
  if (outcome.kind === 'timeout')
    return {
      function: functionId,
      requestId,
      memorySizeMb,
      result: `timed out after ${outcome.timeoutMs} ms`,
    };
  const { metrics } = outcome;
  return {
    function: functionId,
    requestId,
    ...(metrics?.initDurationMs === undefined ? {} : { initDurationMs: round(metrics.initDurationMs) }),
    ...(metrics === undefined
      ? {}
      : {
          durationMs: round(metrics.durationMs),
          billedDurationMs: Math.ceil(metrics.durationMs + (metrics.initDurationMs ?? 0)),
          maxMemoryUsedMb: metrics.memoryUsedMb,
        }),
    memorySizeMb,
    result:
      outcome.kind === 'error' ? `${outcome.error.errorType}: ${outcome.error.errorMessage}` : 'returned',
  };
}

const round = (ms: number): number => Math.round(ms * 100) / 100;
