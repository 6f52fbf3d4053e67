import { join } from 'node:path';
import { rawExchange } from '../../support/raw-http';
import { PROJECT_TEMPLATE, serveDuringSuite } from '../../support/local-api';

const HTTP_APIS = join(__dirname, '..', '..', 'fixtures', 'apps', 'http-apis', 'template.yaml');

/** A request asking to switch to cleartext HTTP/2, as curl --http2 sends it. */
const h2c = (method: string, path: string, body = ''): string =>
  `${method} ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe('a request asking for an upgrade other than WebSocket', () => {
  const project = serveDuringSuite(PROJECT_TEMPLATE);
  const http = serveDuringSuite(HTTP_APIS);

  it('is answered as the ordinary request it is, body included, on a template with a WebSocket API', async () => {
    const raw = await rawExchange(project().url, h2c('POST', '/helloworld?name=John', '{"time":"evening"}'));
    expect(raw).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(raw).toContain('\r\nConnection: close\r\n');
    expect(raw.endsWith('{"greeting":"Good evening, John of World."}')).toBe(true);
  });

  it('gets the gateway answer for an unknown path, and on a template without WebSocket APIs too', async () => {
    expect(await rawExchange(project().url, h2c('GET', '/nowhere'))).toMatch(
      /^HTTP\/1\.1 403 Forbidden\r\n[\s\S]*\{"message":"Missing Authentication Token"\}$/,
    );
    expect(await rawExchange(http().url, h2c('GET', '/string'))).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  });
});
