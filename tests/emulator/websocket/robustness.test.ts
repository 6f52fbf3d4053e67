import { connect } from 'node:net';
import { eventually, FIXTURE_TEMPLATE, serveDuringSuite } from '../../support/local-api';
import { httpRequest, rawExchange } from '../../support/raw-http';
import { SIGNED, TestClient } from '../../support/websocket';

interface Echoed {
  requestContext: { connectionId: string };
}

const UPGRADE: [string, string][] = [
  ['Upgrade', 'websocket'],
  ['Connection', 'Upgrade'],
  ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
  ['Sec-WebSocket-Version', '13'],
];

describe('the WebSocket API holds the service’s limits and survives its clients', () => {
  const api = serveDuringSuite(FIXTURE_TEMPLATE);
  const wsUrl = (): string => api().url.replace(/^http/, 'ws');
  const connectionsUrl = (id: string): string => `${api().url}/Prod/@connections/${encodeURIComponent(id)}`;
  const stillServing = async (): Promise<void> => {
    const client = await TestClient.connect(wsUrl());
    expect(((await client.ask('{"kind":"echo"}')) as Echoed).requestContext.connectionId).toBeTruthy();
    client.socket.close();
  };

  it('closes with 1009 on one frame over 32 KB, and takes a longer message split into frames', async () => {
    const split = await TestClient.connect(wsUrl());
    const message = JSON.stringify({ kind: 'echo', pad: 'x'.repeat(100 * 1024) });
    for (let start = 0; start < message.length; start += 30 * 1024) {
      split.socket.send(message.slice(start, start + 30 * 1024), {
        fin: start + 30 * 1024 >= message.length,
      });
    }
    expect((JSON.parse(await split.next()) as Echoed).requestContext.connectionId).toBeTruthy();
    split.socket.close();
    const whole = await TestClient.connect(wsUrl());
    const closed = whole.closed();
    whole.socket.send(JSON.stringify({ kind: 'echo', pad: 'x'.repeat(33 * 1024) }));
    expect((await closed).code).toBe(1009);
  });

  it('closes with 1003 on a binary frame', async () => {
    const client = await TestClient.connect(wsUrl());
    const closed = client.closed();
    client.socket.send(Buffer.from('{"kind":"echo"}'));
    expect((await closed).code).toBe(1003);
  });

  it('opens a connection whose handshake has keys like constructor and __proto__', async () => {
    const client = await TestClient.connect(`${wsUrl()}?constructor=1&__proto__=2&toString=3`);
    expect(((await client.ask('{"kind":"echo"}')) as Echoed).requestContext.connectionId).toBeTruthy();
    client.socket.close();
  });

  it('survives clients that reset during $connect or a refused handshake', async () => {
    const { hostname, port } = new URL(api().url);
    for (let attempt = 0; attempt < 40; attempt++) {
      const socket = connect(Number(port), hostname);
      socket.on('error', () => undefined);
      const deny = attempt % 2 === 0 ? '?deny=401' : '';
      socket.write(httpRequest(`${api().url}/${deny}`, 'GET', UPGRADE).replace('Connection: close\r\n', ''));
      if (attempt % 4 < 2) socket.resetAndDestroy();
      else socket.end();
    }
    await stillServing();
  });

  describe('@connections', () => {
    it('wants a signed request under the stage, as the SDK sends, and never crashes on a bad id', async () => {
      const client = await TestClient.connect(wsUrl());
      const { connectionId } = ((await client.ask('{"kind":"echo"}')) as Echoed).requestContext;
      const unsigned = await fetch(connectionsUrl(connectionId), { method: 'POST', body: 'x' });
      expect(unsigned.status).toBe(403);
      expect(await unsigned.json()).toEqual({ message: 'Missing Authentication Token' });
      const crossSite = await fetch(connectionsUrl(connectionId), {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: 'x',
      });
      expect(crossSite.status).toBe(403);
      const otherPrefix = await fetch(
        `${api().url}/anything/@connections/${encodeURIComponent(connectionId)}`,
        {
          method: 'POST',
          headers: SIGNED,
          body: 'x',
        },
      );
      expect(otherPrefix.status).toBe(403);
      const put = await fetch(connectionsUrl(connectionId), { method: 'PUT', headers: SIGNED, body: 'x' });
      expect(put.status).toBe(403);
      expect(client.messages).toEqual([]);
      const url = `${api().url}/Prod/@connections/%`;
      const badId = await rawExchange(url, httpRequest(url, 'GET', Object.entries(SIGNED)));
      expect(badId).toMatch(/^HTTP\/1\.1 400 /);
      const posted = await fetch(connectionsUrl(connectionId), {
        method: 'POST',
        headers: SIGNED,
        body: 'hi',
      });
      expect(posted.status).toBe(200);
      expect(await client.next()).toBe('hi');
      client.socket.close();
    });

    it('refuses a POST over 128 KB with 413 PayloadTooLargeException', async () => {
      const client = await TestClient.connect(wsUrl());
      const { connectionId } = ((await client.ask('{"kind":"echo"}')) as Echoed).requestContext;
      const response = await fetch(connectionsUrl(connectionId), {
        method: 'POST',
        headers: SIGNED,
        body: 'x'.repeat(128 * 1024 + 1),
      });
      expect(response.status).toBe(413);
      expect(response.headers.get('x-amzn-errortype')).toBe('PayloadTooLargeException');
      client.socket.close();
    });

    it('answers only a local Host', async () => {
      const url = connectionsUrl('anything');
      const refused = await rawExchange(
        url,
        httpRequest(url, 'GET', Object.entries(SIGNED)).replace(/Host: [^\r]+/, 'Host: rebound.example.com'),
      );
      expect(refused).toMatch(/^HTTP\/1\.1 403 /);
      expect(refused).toContain('--allowed-hosts rebound.example.com');
    });

    it('drops a client that stops reading instead of keeping its messages in memory', async () => {
      const { hostname, port } = new URL(api().url);
      const socket = connect(Number(port), hostname);
      socket.on('error', () => undefined);
      const handshake = await new Promise<string>((resolve) => {
        socket.once('data', (chunk: Buffer) => {
          resolve(chunk.toString('latin1'));
        });
        socket.write(httpRequest(`${api().url}/`, 'GET', UPGRADE).replace('Connection: close\r\n', ''));
      });
      expect(handshake).toMatch(/^HTTP\/1\.1 101 /);
      socket.pause(); // from here on, nothing is read
      await eventually(() => api().lines.some((line) => line.startsWith('WS $connect')));
      const connectLine =
        api()
          .lines.filter((line) => line.startsWith('WS $connect'))
          .at(-1) ?? '';
      const connectionId = connectLine.split(' ')[2] ?? '';
      const chunk = 'x'.repeat(128 * 1024);
      let status = 200;
      for (let posts = 0; posts < 400 && status === 200; posts++) {
        status = (await fetch(connectionsUrl(connectionId), { method: 'POST', headers: SIGNED, body: chunk }))
          .status;
      }
      expect(status).toBe(410);
      socket.destroy();
    });
  });
});
