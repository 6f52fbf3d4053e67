import { rawExchange } from '../../support/raw-http';
import { FIXTURE_TEMPLATE, serveDuringSuite } from '../../support/local-api';

const INTERNAL_ERROR = '{"message":"Internal server error"}';

describe('the emulator maps faults as API Gateway does', () => {
  const api = serveDuringSuite(FIXTURE_TEMPLATE, { apiTimeoutMs: 1500 });

  it('answers a thrown error 502 and prints the error with its TypeScript stack', async () => {
    const response = await fetch(`${api().url}/throws`);
    expect(response.status).toBe(502);
    expect(await response.text()).toBe(INTERNAL_ERROR);
    const printed = api().lines.join('\n');
    expect(printed).toContain('Error: boom from the fixture');
    expect(printed).toMatch(/functions\/throws\.ts:2:\d+/);
  });

  it.each(['no-status', 'string', 'undefined', 'extra-field', 'object-body', 'bad-headers', 'informational'])(
    'answers a malformed result (%s) 502',
    async (kind) => {
      const response = await fetch(`${api().url}/malformed/${kind}`);
      expect(response.status).toBe(502);
      expect(await response.text()).toBe(INTERNAL_ERROR);
      expect(api().lines.join('\n')).toContain('Malformed Lambda proxy response');
    },
  );

  it('takes a statusCode given as digits in a string', async () => {
    const response = await fetch(`${api().url}/malformed/string-status`);
    expect([response.status, await response.text()]).toEqual([201, 'created']);
  });

  it('answers a 1xx result 502 over a raw socket, and the connection serves the next request', async () => {
    const raw = await rawExchange(
      api().url,
      'GET /malformed/informational HTTP/1.1\r\nHost: localhost\r\n\r\nGET /echo HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
    );
    const statuses = [...raw.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((match) => match[1]);
    expect(statuses).toEqual(['502', '200']);
    expect(raw).not.toContain('HTTP/1.1 101');
  });

  it('ends a handler stuck in a synchronous loop at its Timeout with a 502, and keeps serving', async () => {
    const response = await fetch(`${api().url}/loop`);
    expect(response.status).toBe(502);
    expect(await response.text()).toBe(INTERNAL_ERROR);
    const printed = api().lines.join('\n');
    expect(printed).toContain('Task timed out after 1.00 seconds');
    // Written just before the hang: it never reached the emulator in a message, only in the spill.
    expect(printed).toMatch(/GET \/loop 502 \d+ ms \S+\n {2}\S+\t\S+\tINFO\tabout to spin\n/);
    const next = await fetch(`${api().url}/echo`);
    expect(next.status).toBe(200);
  });

  it("answers 504 when the integration runs past API Gateway's limit while the function may go on", async () => {
    const response = await fetch(`${api().url}/slow`);
    expect(response.status).toBe(504);
    expect(await response.text()).toBe('{"message":"Endpoint request timed out"}');
  });

  it('answers a path or a method with no route 403 Missing Authentication Token', async () => {
    for (const [path, method] of [
      ['/nowhere', 'GET'],
      ['/throws', 'POST'],
      ['/items', 'GET'],
      ['/items/1/2', 'GET'],
    ] as const) {
      const response = await fetch(`${api().url}${path}`, { method });
      expect(response.status).toBe(403);
      expect(await response.text()).toBe('{"message":"Missing Authentication Token"}');
    }
  });

  it('answers a body over 10 MB 413 without invoking the function', async () => {
    api().lines.length = 0;
    const response = await fetch(`${api().url}/echo`, {
      method: 'POST',
      body: Buffer.alloc(10 * 1024 * 1024 + 1, 97),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ message: 'Request Too Long' });
    expect(api().lines.join('\n')).not.toContain('echo invoked');
  });

  it('accepts a body of exactly 10 MB', async () => {
    const response = await fetch(`${api().url}/echo?omitBody=1`, {
      method: 'POST',
      body: Buffer.alloc(10 * 1024 * 1024, 97),
    });
    expect(response.status).toBe(200);
  });
});
