import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { eventually, FIXTURE_TEMPLATE, serveDuringSuite } from '../../support/local-api';
import { SIGNED, TestClient } from '../../support/websocket';

type Event = APIGatewayProxyWebsocketEventV2 & { headers?: Record<string, string> };

describe('WebSocket emulation on a fixture template', () => {
  const api = serveDuringSuite(FIXTURE_TEMPLATE);
  const wsUrl = (): string => api().url.replace(/^http/, 'ws');

  it('refuses the handshake with the status $connect returns', async () => {
    await expect(TestClient.connect(`${wsUrl()}?deny=401`)).rejects.toThrow('handshake refused with 401');
  });

  it('routes by the selection expression and sends the WebSocket requestContext', async () => {
    const client = await TestClient.connect(wsUrl());
    const first = (await client.ask('{"kind":"echo","n":1}')) as Event;
    const second = (await client.ask('{"kind":"echo","n":2}')) as Event;
    expect(first.body).toBe('{"kind":"echo","n":1}');
    expect(first.isBase64Encoded).toBe(false);
    expect(first.requestContext).toMatchObject({
      routeKey: 'echo',
      eventType: 'MESSAGE',
      messageDirection: 'IN',
      stage: 'Prod',
      apiId: expect.any(String),
      domainName: api().url.replace('http://', ''),
      identity: { sourceIp: '127.0.0.1' },
    });
    expect(first.requestContext.connectionId).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(second.requestContext.connectionId).toBe(first.requestContext.connectionId);
    expect(second.requestContext.connectedAt).toBe(first.requestContext.connectedAt);
    expect(second.requestContext.requestId).not.toBe(first.requestContext.requestId);
    expect(second.requestContext.messageId).not.toBe(first.requestContext.messageId);
    client.socket.close();
  });

  it("answers a message with no route and no $default with API Gateway's Forbidden", async () => {
    const client = await TestClient.connect(wsUrl());
    const reply = (await client.ask('not json')) as Record<string, unknown>;
    expect(reply).toEqual({
      message: 'Forbidden',
      connectionId: expect.any(String),
      requestId: expect.any(String),
    });
    client.socket.close();
  });

  it("sends the client API Gateway's error when the function throws", async () => {
    const client = await TestClient.connect(wsUrl());
    const reply = (await client.ask('{"kind":"throw"}')) as Record<string, unknown>;
    expect(reply).toEqual({
      message: 'Internal server error',
      connectionId: expect.any(String),
      requestId: expect.any(String),
    });
    expect(api().lines.join('\n')).toContain('Error: the fixture throws');
    client.socket.close();
  });

  describe('@connections', () => {
    it('describes a connection (GET), closes it (DELETE 204), then answers 410 GoneException', async () => {
      const client = await TestClient.connect(wsUrl());
      const { requestContext } = (await client.ask('{"kind":"echo"}')) as Event;
      const endpoint = `${api().url}/Prod/@connections/${encodeURIComponent(requestContext.connectionId)}`;
      const described = await fetch(endpoint, { headers: SIGNED });
      expect(described.status).toBe(200);
      expect(await described.json()).toEqual({
        connectedAt: new Date(requestContext.connectedAt).toISOString(),
        identity: { sourceIp: '127.0.0.1', userAgent: '' },
        lastActiveAt: expect.any(String),
      });
      const closed = client.closed();
      expect((await fetch(endpoint, { method: 'DELETE', headers: SIGNED })).status).toBe(204);
      expect((await closed).code).toBe(1000);
      await eventually(
        async () => (await fetch(endpoint, { method: 'POST', body: 'x', headers: SIGNED })).status === 410,
      );
      const gone = await fetch(endpoint, { method: 'POST', body: 'x', headers: SIGNED });
      expect(gone.headers.get('x-amzn-errortype')).toBe('GoneException');
      expect((await fetch(endpoint, { headers: SIGNED })).status).toBe(410);
      expect((await fetch(endpoint, { method: 'DELETE', headers: SIGNED })).status).toBe(410);
      // Closing through @connections runs $disconnect, as a client's close does.
      const id = requestContext.connectionId;
      await eventually(() => api().lines.some((line) => line.startsWith(`WS $disconnect ${id} `)));
    });
  });
});
