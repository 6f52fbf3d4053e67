import { echoFrom } from '../../support/echo';
import { FIXTURE_TEMPLATE, rawRequest, serveDuringSuite } from '../../support/local-api';
import { httpRequest, rawExchange } from '../../support/raw-http';

const PROTOTYPE_KEYS = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'];

describe('nothing a request or a function does stops the local API', () => {
  const api = serveDuringSuite(FIXTURE_TEMPLATE);
  const stillServing = async (): Promise<void> => {
    expect((await fetch(`${api().url}/echo`)).status).toBe(200);
  };

  it('passes query keys and header names like constructor and __proto__ as ordinary keys', async () => {
    const query = PROTOTYPE_KEYS.map((key, index) => `${key}=${index}`).join('&');
    const { event } = await echoFrom(api(), `/echo?${query}&constructor=again`, {
      headers: PROTOTYPE_KEYS.map((key) => [key, `h-${key}`]),
    });
    expect(Object.keys(event.queryStringParameters ?? {})).toEqual(PROTOTYPE_KEYS);
    expect(event.queryStringParameters?.constructor).toBe('again');
    expect(event.multiValueQueryStringParameters?.constructor).toEqual(['0', 'again']);
    expect(Object.getOwnPropertyDescriptor(event.queryStringParameters, '__proto__')?.value).toBe('1');
    expect(Object.getOwnPropertyDescriptor(event.multiValueHeaders, '__proto__')?.value).toEqual([
      'h-__proto__',
    ]);
    const [newest] = (await (await fetch(`${api().url}/_console/api/invocations`)).json()) as {
      id: string;
    }[];
    const record = await fetch(`${api().url}/_console/api/invocations/${newest?.id ?? ''}`);
    expect(record.status).toBe(200);
    await stillServing();
  });

  it.each([
    ['crlf-header', 'X-Split'],
    ['nul-header', 'X-Nul'],
    ['omega-header', 'X-Greek'],
    ['spaced-name', 'X Spaced'],
    ['empty-name', ''],
  ])(
    'answers 502 for a result header HTTP cannot carry (%s), with the reason in the terminal',
    async (kind, name) => {
      const response = await fetch(`${api().url}/malformed/${kind}`);
      expect(response.status).toBe(502);
      expect(await response.json()).toEqual({ message: 'Internal server error' });
      expect(api().lines.join('\n')).toContain(
        `Malformed Lambda proxy response: header ${JSON.stringify(name)}`,
      );
      await stillServing();
    },
  );

  it("frames the response itself, renaming the function's Content-Length, Transfer-Encoding and Connection", async () => {
    const response = await rawRequest(`${api().url}/malformed/framing`);
    const pairs = response.rawHeaders.flatMap((value, index, all) =>
      index % 2 === 0 ? [`${value.toLowerCase()}: ${all[index + 1] ?? ''}`] : [],
    );
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe('framed by the gateway');
    expect(pairs.filter((pair) => pair.startsWith('content-length'))).toEqual(['content-length: 21']);
    expect(pairs).not.toContain('transfer-encoding: chunked');
    expect(pairs).toEqual(
      expect.arrayContaining([
        'x-amzn-remapped-content-length: 999',
        'x-amzn-remapped-transfer-encoding: chunked',
        'x-amzn-remapped-connection: close',
      ]),
    );
  });

  it('sends no body and no Content-Length with a 204', async () => {
    const url = `${api().url}/malformed/body-on-204`;
    const text = await rawExchange(url, httpRequest(url, 'GET'));
    expect(text).toMatch(/^HTTP\/1\.1 204 No Content\r\n/);
    expect(text.toLowerCase()).not.toContain('content-length');
    expect(text.endsWith('\r\n\r\n')).toBe(true);
  });

  it("fails a response over Lambda's 6 MB limit with 502", async () => {
    const response = await fetch(`${api().url}/malformed/huge`);
    expect(response.status).toBe(502);
    const bytes = JSON.stringify({ statusCode: 200, body: 'x'.repeat(7 * 1024 * 1024) }).length;
    expect(api().lines.join('\n')).toContain(
      `Function.ResponseSizeTooLarge: Response payload size (${bytes} bytes) exceeded maximum allowed payload size (6291556 bytes).`,
    );
  });

  it('answers request headers over 10,240 bytes with 431 and a URL over 8192 characters with 414', async () => {
    const big = await rawRequest(`${api().url}/echo`, { headers: [['X-Big', 'a'.repeat(10_240)]] });
    expect(big.status).toBe(431);
    expect(JSON.parse(big.body.toString())).toEqual({ message: 'Request Header Fields Too Large' });
    const fits = await rawRequest(`${api().url}/echo?omitBody=1`, {
      headers: [['X-Big', 'a'.repeat(9_000)]],
    });
    expect(fits.status).toBe(200);
    const long = await fetch(`${api().url}/echo?q=${'a'.repeat(8192)}`);
    expect(long.status).toBe(414);
    await stillServing();
  });

  it('keeps at most 1 MB of one invocation’s log lines and says how many were cut', async () => {
    const response = await fetch(`${api().url}/malformed/log-flood`);
    expect(response.status).toBe(200);
    const [newest] = (await (await fetch(`${api().url}/_console/api/invocations`)).json()) as {
      id: string;
    }[];
    const record = (await (
      await fetch(`${api().url}/_console/api/invocations/${newest?.id ?? ''}`)
    ).json()) as {
      logs: string[];
    };
    const kept = record.logs.slice(0, -1);
    expect(Buffer.byteLength(kept.join(''))).toBeLessThanOrEqual(1024 * 1024);
    expect(kept.length).toBeGreaterThan(1000);
    expect(record.logs.at(-1)).toBe(
      `(${30_000 - kept.length} further log lines of this invocation were cut: the emulator keeps 1 MB of log a invocation)`,
    );
  });

  it('survives clients that reset mid-request', async () => {
    const { connect } = await import('node:net');
    const { hostname, port } = new URL(api().url);
    for (let attempt = 0; attempt < 20; attempt++) {
      const socket = connect(Number(port), hostname);
      socket.on('error', () => undefined);
      socket.write(`POST /echo HTTP/1.1\r\nHost: ${hostname}\r\nContent-Length: 1000\r\n\r\npartial`);
      socket.resetAndDestroy();
    }
    await stillServing();
  });
});
