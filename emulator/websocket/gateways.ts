import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { HttpReply } from '../gateway/http-reply';
import type { InvocationReporter } from '../gateway/invocation-report';
import type { RunningFunctions } from '../runtime/running-functions';
import { pathOf } from '../shared/url-path';
import type { WebSocketApi } from '../template/websocket-apis';
import { refuseUpgrade, WebSocketGateway, type WebSocketGatewayOptions } from './gateway';

/**
 * Every WebSocket API of a template on the one port: a handshake to `/{stage}` goes to the API of
 * that stage (`/` to the first one), and @connections requests to whichever API holds the connection.
 */
export class WebSocketGateways {
  private readonly gateways: WebSocketGateway[];

  constructor(
    apis: WebSocketApi[],
    functions: RunningFunctions,
    reporter: InvocationReporter,
    options: (api: WebSocketApi) => WebSocketGatewayOptions,
  ) {
    this.gateways = apis.map((api) => new WebSocketGateway(api, functions, reporter, options(api)));
  }

  async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const path = pathOf(request.url);
    const gateway = this.gateways.find((candidate, index) => candidate.serves(path, index === 0));
    if (gateway === undefined) {
      socket.on('error', () => undefined);
      refuseUpgrade(socket, 403);
      return;
    }
    await gateway.upgrade(request, socket, head);
  }

  connectionsRequest(request: IncomingMessage, path: string, body: Buffer): HttpReply | undefined {
    for (const gateway of this.gateways) {
      const reply = gateway.connectionsRequest(request, path, body);
      if (reply !== undefined) return reply;
    }
    return undefined;
  }

  async close(): Promise<void> {
    await Promise.all(this.gateways.map((gateway) => gateway.close()));
  }
}

/** The @connections endpoint a function is told of: that of the first WebSocket API it serves. */
export function connectionsEndpointFor(
  apis: WebSocketApi[],
  functionId: string,
  url: string,
): string | undefined {
  const api = apis.find((candidate) => [...candidate.routes.values()].includes(functionId));
  return api === undefined ? undefined : `${url}/${api.stage}`;
}
