import type { InvocationMetrics } from './invocation';

/** Lambda's REPORT line. Billed Duration includes the init phase, as Lambda bills it since 2025. */
export function reportLine(
  requestId: string,
  memorySizeMb: number,
  metrics: InvocationMetrics | undefined,
  timedOutMs: number | undefined,
): string {
  const durationMs = metrics?.durationMs ?? timedOutMs ?? 0;
  const initMs = metrics?.initDurationMs;
  const parts = [
    `REPORT RequestId: ${requestId}`,
    `Duration: ${durationMs.toFixed(2)} ms`,
    `Billed Duration: ${Math.ceil(durationMs + (initMs ?? 0))} ms`,
    `Memory Size: ${memorySizeMb} MB`,
    ...(metrics === undefined ? [] : [`Max Memory Used: ${metrics.memoryUsedMb} MB`]),
    ...(initMs === undefined ? [] : [`Init Duration: ${initMs.toFixed(2)} ms`]),
  ];
  return parts.join('\t');
}
