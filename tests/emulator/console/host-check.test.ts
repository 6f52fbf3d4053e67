import { FIXTURE_TEMPLATE, serveDuringSuite } from '../../support/local-api';
import { httpRequest, rawExchange } from '../../support/raw-http';

/** The status line of a console request sent with these extra headers and this Host. */
async function statusOf(
  base: string,
  host: string | undefined,
  headers: [string, string][] = [],
): Promise<string> {
  const url = `${base}/_console/api/invocations`;
  let request = httpRequest(url, 'GET', headers);
  if (host !== undefined) request = request.replace(/Host: [^\r]+/, `Host: ${host}`);
  return (await rawExchange(url, request)).split('\r\n')[0] ?? '';
}

describe("the console answers this machine's browser only", () => {
  const api = serveDuringSuite(FIXTURE_TEMPLATE, { allowedHosts: ['dev.example.test', '.team.test'] });

  it.each([
    'localhost:3000',
    'app.localhost',
    '127.0.0.1:3000',
    '127.0.0.2',
    '[::1]:3000',
    'dev.example.test',
    'a.team.test',
  ])('answers Host %s', async (host) => {
    expect(await statusOf(api().url, host)).toBe('HTTP/1.1 200 OK');
  });

  it.each(['rebound.example.com', 'example.test', 'localhost.evil.com', '192.168.1.20', '[fe80::1]'])(
    'refuses Host %s, a name a DNS-rebinding page would send or an address of another machine',
    async (host) => {
      expect(await statusOf(api().url, host)).toBe('HTTP/1.1 403 Forbidden');
    },
  );

  it('refuses a cross-site request from a browser', async () => {
    expect(await statusOf(api().url, undefined, [['Sec-Fetch-Site', 'cross-site']])).toBe(
      'HTTP/1.1 403 Forbidden',
    );
    expect(await statusOf(api().url, undefined, [['Sec-Fetch-Site', 'same-origin']])).toBe('HTTP/1.1 200 OK');
  });

  it('says so on every response: same origin only, never in a frame', async () => {
    const response = await fetch(`${api().url}/_console/`);
    expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });
});
