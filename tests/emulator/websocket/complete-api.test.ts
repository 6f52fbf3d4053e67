import { join } from 'node:path';
import { serveDuringSuite, startApi } from '../../support/local-api';
import { TestClient } from '../../support/websocket';

const APP_TEMPLATE = join(__dirname, '..', '..', 'fixtures', 'apps', 'websockets', 'template.yaml');

describe('WebSocket APIs as complete as the service', () => {
  const api = serveDuringSuite(APP_TEMPLATE);
  const ws = (path: string): string => `${api().url.replace(/^http/, 'ws')}${path}`;
  const refusal = (path: string, headers: Record<string, string> = {}): Promise<string> =>
    TestClient.connect(ws(path), headers).then(
      () => 'connected',
      (error: unknown) => (error as Error).message,
    );

  it('serves every WebSocket API without a word against any of them at start-up', () => {
    expect(api().notices.filter((notice) => notice.subject !== 'functions')).toEqual([]);
  });

  it('checks the $connect authorizer first: 401 without identity or for Unauthorized, 403 for a deny', async () => {
    expect(await refusal('/chat')).toBe('handshake refused with 401');
    expect(await refusal('/chat?token=nope')).toBe('handshake refused with 401');
    expect(await refusal('/chat?token=bad')).toBe('handshake refused with 403');
  });

  it("shows the $connect authorizer's invocation in the console", async () => {
    await refusal('/chat?token=bad');
    const list = (await (await fetch(`${api().url}/_console/api/invocations`)).json()) as {
      trigger: string;
      status: number;
    }[];
    expect(list[0]).toMatchObject({ trigger: 'WS $connect authorizer ChatAuthorizer', status: 403 });
  });

  it("puts the authorizer's principalId and context in every later event of the connection", async () => {
    const client = await TestClient.connect(ws('/chat?token=good'));
    try {
      client.socket.send(JSON.stringify({ action: 'who' }));
      expect(JSON.parse(await client.next())).toEqual({
        team: 'engines',
        principalId: 'ada',
        integrationLatency: 0,
      });
    } finally {
      client.socket.close();
    }
  });

  it("sends a two-way route's response body back, and nothing for a one-way route", async () => {
    const client = await TestClient.connect(ws('/?token=good'));
    try {
      client.socket.send('not json: the $default route');
      client.socket.send(JSON.stringify({ action: 'echo', text: 'hello' }));
      // The first message to arrive is the echo: the $default route sent nothing.
      expect(await client.next()).toBe('local: hello');
    } finally {
      client.socket.close();
    }
  });

  it('serves a second WebSocket API at its stage, which requires an API key on $connect', async () => {
    expect(await refusal('/keyed')).toBe('handshake refused with 403');
    expect(await refusal('/keyed', { 'x-api-key': 'wrong' })).toBe('handshake refused with 403');
    const client = await TestClient.connect(ws('/keyed'), { 'x-api-key': 'socket-key-0123456789abcdef' });
    try {
      client.socket.send(JSON.stringify({ action: 'echo', text: 'hi' }));
      expect(await client.next()).toBe('keyedapi: hi');
    } finally {
      client.socket.close();
    }
  });
});

describe('WebSocket connection timeouts', () => {
  it.each([
    ['an idle connection', { webSocketIdleTimeoutMs: 300, webSocketMaxConnectionMs: 60_000 }],
    ['a connection past its maximum time', { webSocketIdleTimeoutMs: 60_000, webSocketMaxConnectionMs: 300 }],
  ])('closes %s with 1001 Going away', async (_case, timeouts) => {
    const api = await startApi(APP_TEMPLATE, timeouts);
    try {
      const client = await TestClient.connect(`${api.url.replace(/^http/, 'ws')}/chat?token=good`);
      expect(await client.closed()).toEqual({ code: 1001, reason: 'Going away' });
    } finally {
      await api.close();
    }
  });
});

describe('stopping the server', () => {
  it('closes each WebSocket client with a close frame, 1001 Going away', async () => {
    const api = await startApi(APP_TEMPLATE);
    const client = await TestClient.connect(`${api.url.replace(/^http/, 'ws')}/chat?token=good`);
    const closed = client.closed();
    await api.close();
    expect(await closed).toEqual({ code: 1001, reason: 'Going away' });
  });
});
