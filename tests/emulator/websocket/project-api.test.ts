import { webSocketEventExpectations } from '../../event-expectations';
import { readWebSocketEvent } from '../../support/events';
import { eventually, PROJECT_TEMPLATE, serveDuringSuite } from '../../support/local-api';
import { TestClient } from '../../support/websocket';

const posted = (fileName: string): unknown => webSocketEventExpectations[fileName]?.posted;

describe("npm start's WebSocket API, from the real template.yaml", () => {
  const api = serveDuringSuite(PROJECT_TEMPLATE);
  const wsUrl = (): string => api().url.replace(/^http/, 'ws');

  it("says at start-up only what of the stages' throttling and access logs is not emulated", () => {
    expect(api().notices.filter((notice) => notice.subject !== 'functions')).toEqual([
      {
        subject: 'Globals.Api',
        text: 'MethodSettings (throttling, caching, logging) are not emulated: requests are never throttled locally',
      },
      {
        subject: 'Globals.Api',
        text: 'access logs go to no CloudWatch here: the console shows each request\'s line in the stage\'s Format, with "-" for what the emulator does not know (it says which)',
      },
      {
        subject: 'WebSocketStage',
        text: "access logs are not written in their Format: each request's line in the terminal (and the console) is the emulator's own",
      },
    ]);
  });

  it('answers greet with the greeting, through @connections', async () => {
    const client = await TestClient.connect(wsUrl());
    expect(await client.ask('{"action":"greet","name":"Ada"}')).toEqual({
      greeting: 'Good day, Ada of World.',
    });
    const greet = readWebSocketEvent('ws-greet.json');
    expect(await client.ask(greet.body ?? '')).toEqual(posted('ws-greet.json'));
    client.socket.close();
  });

  it('answers a non-JSON message and an unknown action with the help message', async () => {
    const client = await TestClient.connect(`${wsUrl()}/Prod`);
    expect(await client.ask('hello there')).toEqual(posted('ws-non-json.json'));
    expect(await client.ask('{"action":"wave"}')).toEqual(posted('ws-unknown-action.json'));
    client.socket.close();
  });

  it('answers bad input with its message', async () => {
    const client = await TestClient.connect(wsUrl());
    expect(await client.ask('{"action":"greet","time":1800}')).toEqual(posted('ws-greet-bad-input.json'));
    client.socket.close();
  });

  it('runs $disconnect with the close status and reason when the client closes', async () => {
    const client = await TestClient.connect(wsUrl());
    await client.ask('{"action":"greet"}');
    api().lines.length = 0;
    client.socket.close(4000, 'bye');
    await eventually(() => api().lines.some((line) => /^WS \$disconnect \S+ 200 /.test(line)));
  });

  it('closes the socket with 1009 on a message over 128 KB', async () => {
    const client = await TestClient.connect(wsUrl());
    const closed = client.closed();
    client.socket.send(JSON.stringify({ action: 'greet', name: 'x'.repeat(128 * 1024) }));
    expect((await closed).code).toBe(1009);
  });

  it('gives 200 clients in parallel each their own reply and nobody else’s', async () => {
    const clients = await Promise.all(Array.from({ length: 200 }, () => TestClient.connect(wsUrl())));
    const replies = await Promise.all(
      clients.map((client, index) => client.ask(`{"action":"greet","name":"N${index}"}`)),
    );
    expect(replies).toEqual(clients.map((_, index) => ({ greeting: `Good day, N${index} of World.` })));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(clients.every((client) => client.messages.length === 0)).toBe(true);
    for (const client of clients) client.socket.close();
  }, 60_000);
});
