import { echoFrom, type Echo } from '../../support/echo';
import { FIXTURE_TEMPLATE, rawRequest, serveDuringSuite } from '../../support/local-api';

describe('the emulator builds REST proxy events as API Gateway does', () => {
  const api = serveDuringSuite(FIXTURE_TEMPLATE);

  const echo = (path: string, options: Parameters<typeof rawRequest>[1] = {}): Promise<Echo> =>
    echoFrom(api(), path, options);

  it('fills both query maps: last value in the single map, all values in order in the multi map', async () => {
    const { event } = await echo('/echo?name=Ann&city=Oslo&name=Bob&empty=&spaced=a%20b');
    expect(event.queryStringParameters).toEqual({ name: 'Bob', city: 'Oslo', empty: '', spaced: 'a b' });
    expect(event.multiValueQueryStringParameters).toEqual({
      name: ['Ann', 'Bob'],
      city: ['Oslo'],
      empty: [''],
      spaced: ['a b'],
    });
  });

  it('fills both header maps with names as the client spelt them, and repeated values', async () => {
    const { event } = await echo('/echo', {
      headers: [
        ['DaY', 'Monday'],
        ['X-Twice', 'one'],
        ['X-Twice', 'two'],
      ],
    });
    expect(event.headers).toMatchObject({ DaY: 'Monday', 'X-Twice': 'two' });
    expect(event.multiValueHeaders).toMatchObject({ DaY: ['Monday'], 'X-Twice': ['one', 'two'] });
  });

  it('sends null for absent maps and body', async () => {
    const { event } = await echo('/echo');
    expect(event.queryStringParameters).toBeNull();
    expect(event.multiValueQueryStringParameters).toBeNull();
    expect(event.pathParameters).toBeNull();
    expect(event.stageVariables).toBeNull();
    expect(event.body).toBeNull();
    expect(event.isBase64Encoded).toBe(false);
  });

  it('passes a text body as it came', async () => {
    const { event } = await echo('/echo', { method: 'POST', body: '{"time":"evening"}' });
    expect(event.body).toBe('{"time":"evening"}');
    expect(event.httpMethod).toBe('POST');
  });

  it('fills path parameters for {param} and greedy {proxy+} routes', async () => {
    const item = await echo('/items/42');
    expect(item.event.pathParameters).toEqual({ id: '42' });
    expect(item.event.resource).toBe('/items/{id}');
    const files = await echo('/files/a/b%20c/d.txt');
    expect(files.event.pathParameters).toEqual({ proxy: 'a/b c/d.txt' });
    expect(files.event.resource).toBe('/files/{proxy+}');
    expect(files.event.path).toBe('/files/a/b%20c/d.txt');
  });

  it('prefers a literal path to a {param} path', async () => {
    const { event, context } = await echo('/items/special');
    expect(context.functionName).toBe('SpecialItemFunction');
    expect(event.pathParameters).toBeNull();
  });

  it('gives each request its own requestId and time, with stage Prod and the resource path', async () => {
    const first = await echo('/items/1');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await echo('/items/1');
    expect(first.event.requestContext).toMatchObject({
      stage: 'Prod',
      resourcePath: '/items/{id}',
      path: '/Prod/items/1',
      httpMethod: 'GET',
      protocol: 'HTTP/1.1',
      identity: { sourceIp: '127.0.0.1' },
    });
    expect(first.event.requestContext.requestId).not.toBe(second.event.requestContext.requestId);
    expect(second.event.requestContext.requestTimeEpoch).toBeGreaterThan(
      first.event.requestContext.requestTimeEpoch,
    );
    expect(first.event.requestContext.requestTime).toMatch(/^\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000$/);
  });

  it('base64-encodes a body whose Content-Type is a binary media type, and decodes a base64 result the first Accept type asks for', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]);
    const response = await rawRequest(`${api().url}/binary`, {
      method: 'POST',
      headers: [
        ['Content-Type', 'image/png'],
        ['Accept', 'image/png, */*'],
      ],
      body: bytes,
    });
    expect(response.status).toBe(200);
    const headers = Object.fromEntries(
      response.rawHeaders.flatMap((value, index, all) => (index % 2 === 0 ? [[value, all[index + 1]]] : [])),
    ) as Record<string, string>;
    expect(headers['X-Request-Base64']).toBe('true');
    expect(headers['X-Request-Body']).toBe(bytes.toString('base64'));
    expect(response.body).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]));
  });

  it('sends a base64 result as its base64 text when the first Accept type is no binary media type', async () => {
    for (const accept of [undefined, '*/*', 'text/html, image/png']) {
      const response = await rawRequest(`${api().url}/binary`, {
        method: 'POST',
        headers: accept === undefined ? [] : [['Accept', accept]],
        body: 'x',
      });
      expect([response.status, response.body.toString()]).toEqual([
        200,
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]).toString('base64'),
      ]);
    }
  });

  it('merges headers and multiValueHeaders of the result', async () => {
    const response = await rawRequest(`${api().url}/echo`);
    const pairs = response.rawHeaders.flatMap((value, index, all) =>
      index % 2 === 0 ? [`${value}: ${all[index + 1] ?? ''}`] : [],
    );
    expect(pairs).toEqual(expect.arrayContaining(['Set-Cookie: a=1', 'Set-Cookie: b=2', 'X-Single: one']));
  });

  it('shows in the console exactly the event the function received', async () => {
    const { event } = await echo('/echo?name=Ann', {
      method: 'POST',
      body: Buffer.from('{"time":"evening"}'),
    });
    const summaries = (await (await fetch(`${api().url}/_console/api/invocations`)).json()) as {
      id: string;
    }[];
    const newest = summaries[0]?.id ?? '';
    const record = (await (await fetch(`${api().url}/_console/api/invocations/${newest}`)).json()) as {
      event: unknown;
    };
    expect(record.event).toEqual(event);
  });

  it("answers preflight with the template's Cors setting", async () => {
    const response = await fetch(`${api().url}/items/7`, { method: 'OPTIONS' });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://example.com');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('Content-Type');
  });
});
