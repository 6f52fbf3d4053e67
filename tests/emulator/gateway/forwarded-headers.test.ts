import { join } from 'node:path';
import { rawExchange } from '../../support/raw-http';
import { FIXTURE_TEMPLATE, serveDuringSuite } from '../../support/local-api';
import { TestClient } from '../../support/websocket';

const HTTP_APIS = join(__dirname, '..', '..', 'fixtures', 'apps', 'http-apis', 'template.yaml');

/** The JSON body of a raw HTTP/1.1 exchange's answer. */
function bodyOf(raw: string): Record<string, unknown> {
  return JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;
}

const request = (path: string, extra = ''): string =>
  `GET ${path} HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: 203.0.113.9\r\nX-Forwarded-Proto: gopher\r\n${extra}Connection: close\r\n\r\n`;

describe('the X-Forwarded-* headers API Gateway adds to every event', () => {
  const rest = serveDuringSuite(FIXTURE_TEMPLATE);
  const http = serveDuringSuite(HTTP_APIS);
  const port = (url: string): string => new URL(url).port;

  it('REST: the client list with its address appended, the local scheme and port, in both header maps', async () => {
    const { event } = bodyOf(await rawExchange(rest().url, request('/echo'))) as {
      event: { headers: Record<string, string>; multiValueHeaders: Record<string, string[]> };
    };
    expect(event.headers).toEqual({
      Host: 'localhost',
      Connection: 'close',
      'X-Forwarded-For': '203.0.113.9, 127.0.0.1',
      'X-Forwarded-Proto': 'http',
      'X-Forwarded-Port': port(rest().url),
    });
    expect(event.multiValueHeaders['X-Forwarded-For']).toEqual(['203.0.113.9, 127.0.0.1']);
  });

  it('HTTP API payload 2.0: the same, in lower case', async () => {
    const event = bodyOf(await rawExchange(http().url, request('/items/7'))) as {
      headers: Record<string, string>;
    };
    expect(event.headers).toEqual({
      host: 'localhost',
      connection: 'close',
      'x-forwarded-for': '203.0.113.9, 127.0.0.1',
      'x-forwarded-proto': 'http',
      'x-forwarded-port': port(http().url),
    });
  });

  it("WebSocket $connect: the handshake's headers carry them too", async () => {
    const client = await TestClient.connect(rest().url.replace(/^http/, 'ws'), {
      'X-Forwarded-For': '198.51.100.2',
    });
    client.socket.close();
    const list = (await (await fetch(`${rest().url}/_console/api/invocations`)).json()) as {
      id: string;
      trigger: string;
    }[];
    const connect = list.find((record) => record.trigger.includes('$connect'));
    expect(connect).toBeDefined();
    const record = (await (
      await fetch(`${rest().url}/_console/api/invocations/${connect?.id ?? ''}`)
    ).json()) as {
      event: { headers: Record<string, string> };
    };
    expect(record.event.headers).toMatchObject({
      'X-Forwarded-For': '198.51.100.2, 127.0.0.1',
      'X-Forwarded-Proto': 'http',
      'X-Forwarded-Port': port(rest().url),
    });
  });
});
