import { MAX_INSTANCES_PER_FUNCTION } from '../../../emulator/runtime/instances/instance-pool';
import { echoFrom, type Echo } from '../../support/echo';
import { FIXTURE_TEMPLATE, serveDuringSuite } from '../../support/local-api';

describe('each function runs on instances as Lambda runs them', () => {
  const api = serveDuringSuite(FIXTURE_TEMPLATE);

  const echo = (path: string): Promise<Echo> => echoFrom(api(), path);

  it('passes a Lambda-like context and keeps module state warm across invocations', async () => {
    const first = await echo('/echo');
    const second = await echo('/echo');
    expect(second.instanceId).toBe(first.instanceId);
    expect(second.invocations).toBe(first.invocations + 1);
    expect(first.context.functionName).toBe('EchoFunction');
    expect(first.context.memoryLimitInMB).toBe('512');
    expect(first.context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.context.remainingMs).toBeGreaterThan(0);
    expect(first.context.remainingMs).toBeLessThanOrEqual(3000);
  });

  it('runs concurrent requests on separate instances, one invocation at a time each', async () => {
    const concurrent = MAX_INSTANCES_PER_FUNCTION;
    const echoes = await Promise.all(Array.from({ length: concurrent }, () => echo('/echo?sleepMs=200')));
    expect(new Set(echoes.map(({ instanceId }) => instanceId)).size).toBe(concurrent);
    expect(echoes.map(({ overlapped }) => overlapped)).toEqual(
      Array.from({ length: concurrent }, () => false),
    );
  });

  it('queues requests beyond MAX_INSTANCES_PER_FUNCTION instead of overlapping invocations', async () => {
    const echoes = await Promise.all(
      Array.from({ length: MAX_INSTANCES_PER_FUNCTION + 3 }, () => echo('/echo?sleepMs=300')),
    );
    expect(new Set(echoes.map(({ instanceId }) => instanceId)).size).toBeLessThanOrEqual(
      MAX_INSTANCES_PER_FUNCTION,
    );
    expect(echoes.some(({ overlapped }) => overlapped)).toBe(false);
  });
});

describe('the emulator schedules invocations on instances', () => {
  const api = serveDuringSuite(FIXTURE_TEMPLATE);

  const echo = (path: string): Promise<Echo> => echoFrom(api(), path);

  it('queues quick requests on a warm instance instead of starting a thread for each', async () => {
    await echo('/echo'); // the handler's duration is known from here on
    const echoes = await Promise.all(Array.from({ length: 20 }, () => echo('/echo')));
    expect(new Set(echoes.map(({ instanceId }) => instanceId)).size).toBeLessThanOrEqual(2);
    expect(echoes.some(({ overlapped }) => overlapped)).toBe(false);
  });

  it('keeps using an instance whose waiting requests moved elsewhere while it was busy', async () => {
    // Busy for a second, from a timer the handler set: the next two arrive once that work has begun.
    const busy = await echo('/echo?busyAfterMs=1000');
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Both reach the busy instance before it can start them; they move on after a while, to as many
    // other instances as the machine allows.
    const moved = await Promise.all([echo('/echo'), echo('/echo')]);
    const elsewhere = moved.filter(({ instanceId }) => instanceId !== busy.instanceId);
    expect(elsewhere.length).toBeGreaterThanOrEqual(Math.min(2, MAX_INSTANCES_PER_FUNCTION - 1));
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const later = await echo('/echo');
    expect(later.instanceId).toBe(busy.instanceId);
  });

  it('does not hold quick requests behind a slow one: they move to another instance', async () => {
    await echo('/echo'); // a warm instance whose invocations are known to be quick
    let slowEnded = false;
    const slow = echo('/echo?sleepMs=2500').then((result) => {
      slowEnded = true;
      return result;
    });
    const quick = await Promise.all([echo('/echo'), echo('/echo'), echo('/echo')]);
    expect(slowEnded).toBe(false);
    const { instanceId: slowInstance } = await slow;
    expect(quick.map(({ instanceId }) => instanceId)).not.toContain(slowInstance);
    expect([...quick, await slow].some(({ overlapped }) => overlapped)).toBe(false);
  });
});
