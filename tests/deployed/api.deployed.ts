import WebSocket from 'ws';
import { restEventExpectations, webSocketEventExpectations } from '../event-expectations';
import { readRestEvent, readWebSocketEvent } from '../support/events';
import { requestFor } from '../support/requests';

// Set by tests/deployed/run.ts from the stack's Outputs.
const restUrl = process.env.DEPLOYED_REST_URL ?? '';
const webSocketUrl = process.env.DEPLOYED_WEBSOCKET_URL ?? '';
// The Outputs' URL ends in /Prod/helloworld; the events' path is /helloworld.
const stageUrl = restUrl.replace(/\/helloworld$/, '');

describe('the deployed stack answers as the local tests expect', () => {
  it.each(['tutorial-post.json', 'get-name-city.json', 'malformed-body.json'])('%s', async (fileName) => {
    const { url, init } = requestFor(readRestEvent(fileName), stageUrl);
    const response = await fetch(url, init);
    expect({ statusCode: response.status, body: await response.json() }).toEqual(
      restEventExpectations[fileName],
    );
    expect(response.headers.get('content-type')).toBe('application/json');
  });

  it('answers a GET with no input with the defaults', async () => {
    const response = await fetch(restUrl);
    expect(await response.json()).toEqual({ greeting: 'Good day, you of World.' });
  });

  it('answers a WebSocket greet through @connections', async () => {
    const socket = new WebSocket(webSocketUrl);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const reply = new Promise<string>((resolve) =>
      socket.once('message', (data: Buffer) => {
        resolve(data.toString());
      }),
    );
    socket.send(readWebSocketEvent('ws-greet.json').body ?? '');
    expect(JSON.parse(await reply)).toEqual(webSocketEventExpectations['ws-greet.json']?.posted);
    socket.close();
  });
});
