import { randomUUID } from 'node:crypto';

/** An X-Ray trace header as Lambda sets `_X_AMZN_TRACE_ID` for each invocation. */
export function newTraceId(sampled: boolean): string {
  const epoch = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0');
  // randomUUID draws from a buffered pool: cheaper per call than randomBytes on every invocation.
  const random = randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', '');
  return `Root=1-${epoch}-${random.slice(0, 24)};Parent=${random.slice(32, 48)};Sampled=${sampled ? 1 : 0}`;
}
