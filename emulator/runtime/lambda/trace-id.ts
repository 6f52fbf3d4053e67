import { randomFillSync } from 'node:crypto';

/** Random bytes drawn a pool at a time: one system call for many invocations' trace ids. */
const pool = Buffer.alloc(4096);
let used = pool.length;

/** An X-Ray trace header as Lambda sets `_X_AMZN_TRACE_ID` for each invocation. */
export function newTraceId(sampled: boolean): string {
  if (used + 20 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const root = pool.toString('hex', used, used + 12);
  const parent = pool.toString('hex', used + 12, used + 20);
  used += 20;
  const epoch = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0');
  return `Root=1-${epoch}-${root};Parent=${parent};Sampled=${sampled ? 1 : 0}`;
}
