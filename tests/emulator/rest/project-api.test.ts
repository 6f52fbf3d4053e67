import { restEventExpectations } from '../../event-expectations';
import { eventFileNames, readRestEvent } from '../../support/events';
import { requestFor } from '../../support/requests';
import { PROJECT_TEMPLATE, serveDuringSuite } from '../../support/local-api';

const restEventFiles = eventFileNames().filter((name) => !name.startsWith('ws-'));

describe('npm start on the real template.yaml', () => {
  const api = serveDuringSuite(PROJECT_TEMPLATE);

  it("answers the tutorial's request with its greeting", async () => {
    const response = await fetch(`${api().url}/helloworld?name=John&city=Seattle`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', day: 'Thursday' },
      body: '{ "time": "evening" }',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.text()).toBe('{"greeting":"Good evening, John of Seattle. Happy Thursday!"}');
  });

  it('answers the curl without a body with the defaults', async () => {
    const response = await fetch(`${api().url}/helloworld?name=John&city=Seattle`);
    expect(await response.json()).toEqual({ greeting: 'Good day, John of Seattle.' });
  });

  it('gives the 400 of a malformed body', async () => {
    const { body } = readRestEvent('malformed-body.json');
    const response = await fetch(`${api().url}/helloworld`, { method: 'POST', body: body ?? '' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: 'body is not valid JSON' });
  });

  it.each(restEventFiles)('answers the request of %s as stated, over HTTP', async (fileName) => {
    const { url, init } = requestFor(readRestEvent(fileName), api().url);
    const response = await fetch(url, init);
    expect({ statusCode: response.status, body: await response.json() }).toEqual(
      restEventExpectations[fileName],
    );
  });

  it('answers HEAD with the status and headers of the function, and no body', async () => {
    const response = await fetch(`${api().url}/helloworld?name=John`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('content-length')).toBe('0');
    expect(await response.text()).toBe('');
  });

  it.each(['/hello', '/Prod/hello'])(
    "answers %s, a path with no route, 403 Missing Authentication Token with the API's CORS origin",
    async (path) => {
      const response = await fetch(`${api().url}${path}`);
      expect(response.status).toBe(403);
      // DEFAULT_4XX in Globals.Api.GatewayResponses: a browser sees the 403, not a CORS failure.
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
      expect(await response.text()).toBe('{"message":"Missing Authentication Token"}');
    },
  );

  it("answers CORS preflight from the template's Cors setting without invoking the function", async () => {
    const response = await fetch(`${api().url}/helloworld`, { method: 'OPTIONS' });
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE,HEAD,OPTIONS',
      'access-control-allow-headers': 'Content-Type,day',
      'access-control-max-age': '600',
    });
    expect(api().lines.filter((line) => line.startsWith('OPTIONS /helloworld 200'))).toHaveLength(1);
  });

  it('prints an access line per request with the function log line under it', async () => {
    api().lines.length = 0;
    await fetch(`${api().url}/helloworld?name=Ada`);
    expect(api().lines[0]).toMatch(/^GET \/helloworld\?name=Ada 200 \d+ ms [0-9a-f-]{36}$/);
    const logLine = JSON.parse(api().lines[1] ?? '') as { level: string; message: { status: number } };
    expect(logLine).toMatchObject({ level: 'INFO', message: { message: 'request', status: 200 } });
  });
});

describe('npm start on the real template.yaml with AllowedOrigin overridden', () => {
  const api = serveDuringSuite(PROJECT_TEMPLATE, {
    parameterOverrides: ['AllowedOrigin=https://app.example.com'],
  });

  it("gives the gateway's own 403 the same origin as the function's replies", async () => {
    const greeting = await fetch(`${api().url}/helloworld`);
    expect(greeting.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const refused = await fetch(`${api().url}/nowhere`);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
  });
});
