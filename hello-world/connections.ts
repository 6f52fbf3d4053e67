import {
  ApiGatewayManagementApiClient,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';

// One client per endpoint, kept across invocations of a warm instance.
const clients = new Map<string, ApiGatewayManagementApiClient>();

/**
 * Posts `data` to a WebSocket client through the @connections API. Returns false when the client
 * has already left (GoneException), which is not an error: it may close at any time.
 */
export async function postToConnection(
  endpoint: string,
  connectionId: string,
  data: string,
): Promise<boolean> {
  let client = clients.get(endpoint);
  if (client === undefined) {
    client = new ApiGatewayManagementApiClient({ endpoint });
    clients.set(endpoint, client);
  }
  try {
    await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data }));
    return true;
  } catch (error) {
    if ((error as { name?: unknown }).name === 'GoneException') return false;
    throw error;
  }
}
