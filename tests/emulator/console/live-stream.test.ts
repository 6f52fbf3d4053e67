import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { RecentInvocations } from '../../../emulator/console/recent-invocations';
import { consoleRequestHandler } from '../../../emulator/console/request-handler';

describe("the console's live stream", () => {
  it('drops a reader that lets 1 MB pile up unread, instead of holding it in memory', async () => {
    const recent = new RecentInvocations();
    const handle = consoleRequestHandler(recent, () => ({
      routes: [],
      webSocketApis: [],
      functions: [],
      events: [],
      types: [],
    }));
    const request = new IncomingMessage(new Socket());
    request.url = '/_console/api/stream';
    request.headers = { host: 'localhost:3000' };
    // A response with no socket to write to keeps what it is given: a reader that reads nothing.
    const response = new ServerResponse(request);
    expect(handle(request, response)).toBe(true);
    let sent = 0;
    while (!response.destroyed && sent < 20_000) {
      recent.record({
        functionId: 'EchoFunction',
        trigger: 'GET /echo',
        status: 200,
        durationMs: 1,
        event: () => ({}),
        result: null,
        logs: [],
      });
      sent++;
    }
    expect(response.destroyed).toBe(true);
    expect(response.writableLength).toBeGreaterThan(1024 * 1024);
    expect(response.writableLength).toBeLessThan(1024 * 1024 + 1024);
  });
});
