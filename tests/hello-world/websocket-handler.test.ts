import 'aws-sdk-client-mock-jest';
import {
  ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { mockClient } from 'aws-sdk-client-mock';
import { lambdaHandler } from '../../hello-world/websocket';
import { createLambdaContext } from '../../emulator/runtime/lambda/lambda-context';
import { webSocketEventExpectations } from '../event-expectations';
import { eventFileNames, readWebSocketEvent } from '../support/events';

const management = mockClient(ApiGatewayManagementApiClient);
const webSocketEvents = eventFileNames().filter((name) => name.startsWith('ws-'));
const context = () => createLambdaContext({ functionName: 'WebSocketFunction' });

describe('the WebSocket function', () => {
  beforeEach(() => {
    management.reset();
    management.on(PostToConnectionCommand).resolves({});
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('has a stated expectation for every ws-*.json event, and an event for every expectation', () => {
    expect(webSocketEvents).toEqual(Object.keys(webSocketEventExpectations).sort());
  });

  it.each(webSocketEvents)('%s returns and posts what is stated', async (fileName) => {
    const expected = webSocketEventExpectations[fileName];
    if (expected === undefined) throw new Error(`no expectation stated for events/${fileName}`);
    const event = readWebSocketEvent(fileName);
    const result = await lambdaHandler(event, context());
    expect(result).toEqual({ statusCode: expected.statusCode });
    if (expected.posted === null) {
      expect(management).not.toHaveReceivedAnyCommand();
    } else {
      expect(management).toHaveReceivedCommandTimes(PostToConnectionCommand, 1);
      expect(management).toHaveReceivedCommandWith(PostToConnectionCommand, {
        ConnectionId: 'L0SM9cOFvHcCIhw=',
        Data: JSON.stringify(expected.posted),
      });
    }
  });

  it("posts to the API's own @connections endpoint", async () => {
    await lambdaHandler(readWebSocketEvent('ws-greet.json'), context());
    const client = management.call(0).thisValue as ApiGatewayManagementApiClient;
    const endpoint = await client.config.endpoint?.();
    expect(endpoint).toMatchObject({
      protocol: 'https:',
      hostname: 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
      path: '/Prod',
    });
  });

  it('reuses one client per endpoint across invocations', async () => {
    await lambdaHandler(readWebSocketEvent('ws-greet.json'), context());
    await lambdaHandler(readWebSocketEvent('ws-greet-defaults.json'), context());
    const [first, second] = [management.call(0).thisValue, management.call(1).thisValue];
    expect(second).toBe(first);
  });

  it('treats a client that already left (GoneException) as no error', async () => {
    management
      .on(PostToConnectionCommand)
      .rejects(new GoneException({ message: 'gone', $metadata: { httpStatusCode: 410 } }));
    const result = await lambdaHandler(readWebSocketEvent('ws-greet.json'), context());
    expect(result).toEqual({ statusCode: 200 });
    expect(management).toHaveReceivedCommandTimes(PostToConnectionCommand, 1);
  });

  it('fails the invocation on any other @connections error', async () => {
    management.on(PostToConnectionCommand).rejects(new Error('throttled'));
    await expect(lambdaHandler(readWebSocketEvent('ws-greet.json'), context())).rejects.toThrow('throttled');
  });
});
