import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2, Context } from 'aws-lambda';
import { greet } from './greeting';
import { BadRequest } from './input-rules';
import { greetingInputFromMessage, HELP_MESSAGE } from './websocket-message';

/**
 * The WebSocket greeting API: `$connect` and `$disconnect` accept, `greet` replies with a greeting,
 * `$default` with help. Replies go through the @connections API: a proxy integration's return value
 * never reaches a WebSocket client.
 */
export const lambdaHandler = async (
  event: APIGatewayProxyWebsocketEventV2,
  context: Context,
): Promise<APIGatewayProxyResultV2> => {
  const { routeKey, connectionId } = event.requestContext;
  let reply: object | undefined;
  if (routeKey === 'greet') reply = greetReply(event.body);
  else if (routeKey !== '$connect' && routeKey !== '$disconnect') reply = { message: HELP_MESSAGE };
  let delivered: boolean | undefined;
  if (reply !== undefined) {
    const { postToConnection } = loadConnections();
    delivered = await postToConnection(endpointOf(event), connectionId, JSON.stringify(reply));
  }
  console.info({ message: 'websocket', requestId: context.awsRequestId, routeKey, connectionId, delivered });
  return { statusCode: 200 };
};

/**
 * connections.js, a bundle of its own (see template.yaml), loaded on the first reply only: $connect
 * and $disconnect never load the SDK. `require`, not `import()`: for a CommonJS bundle, import()
 * also runs the ESM loader's export scan over the SDK's 300 KB, measured at ~55 ms more.
 */
function loadConnections(): typeof import('./connections.js') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./connections.js') as typeof import('./connections.js');
}

function greetReply(body: string | undefined): object {
  try {
    return { greeting: greet(greetingInputFromMessage(body)) };
  } catch (error) {
    if (error instanceof BadRequest) return { message: error.message };
    throw error;
  }
}

/**
 * The @connections endpoint of the API that sent the event. The SDK's standard service-specific
 * variable, when set (the local emulator sets it), names another one: an endpoint passed in code
 * would otherwise win over it.
 */
function endpointOf(event: APIGatewayProxyWebsocketEventV2): string {
  const { domainName, stage } = event.requestContext;
  return process.env.AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI ?? `https://${domainName}/${stage}`;
}
