import { randomBytes } from 'node:crypto';

/** An X-Ray trace header as Lambda sets `_X_AMZN_TRACE_ID` for each invocation. */
export function newTraceId(sampled: boolean): string {
  const epoch = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0');
  return `Root=1-${epoch}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=${sampled ? 1 : 0}`;
}
