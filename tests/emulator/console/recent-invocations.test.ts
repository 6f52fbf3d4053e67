import type { ReportedInvocation } from '../../../emulator/gateway/invocation-record';
import { MAX_HELD_BODY_BYTES, RecentInvocations } from '../../../emulator/console/recent-invocations';
import { KEPT_ROWS } from '../../../emulator/console/protocol';

const MB = 1024 * 1024;

/** A POST whose event holds a body of `bytes`, as the front door reports it. */
function post(bytes: number, name: string): ReportedInvocation {
  const body = Buffer.alloc(bytes, 'x');
  return {
    functionId: 'Fn',
    trigger: 'POST /upload',
    status: 200,
    durationMs: 1,
    event: () => ({ name, bodyLength: body.length }),
    result: null,
    logs: [],
    steps: [{ stage: 'Method request', detail: { body: name }, startMs: 0, ms: 1 }],
    request: {
      method: 'POST',
      url: `/upload?name=${name}`,
      rawHeaders: ['content-type', 'text/plain'],
      body: body.subarray(0, 64 * 1024),
      truncated: bytes > 64 * 1024,
      bytes,
    },
  };
}

describe('the rows the console keeps', () => {
  it(`keeps the last ${KEPT_ROWS}, newest first`, () => {
    const recent = new RecentInvocations();
    for (let index = 0; index < KEPT_ROWS + 5; index++) recent.record(post(10, `r${index}`));
    const rows = recent.list();
    expect(rows).toHaveLength(KEPT_ROWS);
    expect(rows[0]?.target).toBe(`/upload?name=r${KEPT_ROWS + 4}`);
    expect(rows.at(-1)?.target).toBe('/upload?name=r5');
  });

  it('lets go of the oldest long bodies past the limit, and says so where their event was', () => {
    const recent = new RecentInvocations();
    const count = Math.ceil(MAX_HELD_BODY_BYTES / (5 * MB)) + 3;
    for (let index = 0; index < count; index++) recent.record(post(5 * MB, `big${index}`));
    const events = recent.list().map((row) => recent.get(row.id)?.event);
    const held = events.filter((event) => typeof event === 'object');
    expect(held.length * 5 * MB).toBeLessThanOrEqual(MAX_HELD_BODY_BYTES);
    expect(held.length).toBeGreaterThan(0);
    // The newest are held, the oldest let go; a let-go row still lists its request.
    expect(events[0]).toEqual({ name: `big${count - 1}`, bodyLength: 5 * MB });
    expect(events.at(-1)).toMatch(/^\(let go: the console keeps the events of long requests only while/);
    const oldest = recent.get(recent.list().at(-1)?.id ?? '');
    expect(oldest?.request?.url).toBe('/upload?name=big0');
    expect(oldest?.steps).toEqual([{ stage: 'Method request', startMs: 0, ms: 1 }]);
  });

  it('holds short bodies whatever their number', () => {
    const recent = new RecentInvocations();
    for (let index = 0; index < KEPT_ROWS; index++) recent.record(post(1000, `s${index}`));
    expect(recent.list().every((row) => typeof recent.get(row.id)?.event === 'object')).toBe(true);
  });
});
