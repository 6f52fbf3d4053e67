import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Gateway } from '../gateway/front-door';
import { gatewayReply } from '../gateway/http-reply';
import type { InvocationReporter } from '../gateway/invocation-report';
import type { RunningFunctions } from '../runtime/running-functions';
import { comparableText } from '../shared/comparable-text';
import { pathOf } from '../shared/url-path';
import type { WebSocketApi } from '../template/websocket-apis';
import { refuseUpgrade, WebSocketGateway, type WebSocketGatewayOptions } from './gateway';

/**
 * Every WebSocket API of a template on the one port: a handshake to `/{stage}` goes to the API of
 * that stage (`/` to the first one), and @connections requests to whichever API holds the connection.
 */
export class WebSocketGateways {
  private gateways: WebSocketGateway[] = [];
  /** Each gateway's API as comparable text: an API that did not change keeps its gateway. */
  private readonly served = new WeakMap<WebSocketGateway, string>();

  constructor(
    private readonly functions: RunningFunctions,
    private readonly reporter: InvocationReporter,
    private readonly options: (api: WebSocketApi) => WebSocketGatewayOptions,
  ) {}

  /**
   * Serves these APIs from now on: the gateway of an API that did not change stays, with its
   * connections; the others' connections close (1001 Going away), as a redeployment closes them.
   */
  async update(apis: WebSocketApi[]): Promise<void> {
    const kept = new Set<WebSocketGateway>();
    const previous = this.gateways;
    this.gateways = apis.map((api) => {
      const text = comparableText([api, this.options(api)]);
      const same = previous.find((gateway) => !kept.has(gateway) && this.served.get(gateway) === text);
      if (same !== undefined) {
        kept.add(same);
        return same;
      }
      const gateway = new WebSocketGateway(api, this.functions, this.reporter, this.options(api));
      this.served.set(gateway, text);
      kept.add(gateway);
      return gateway;
    });
    await Promise.all(previous.filter((gateway) => !kept.has(gateway)).map((gateway) => gateway.close()));
  }

  /** Every API's open connections, oldest first. */
  openConnections(): ReturnType<WebSocketGateway['openConnections']> {
    return this.gateways.flatMap((gateway) => gateway.openConnections());
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

  /** The @connections endpoints of every served stage, as one gateway of the front door. */
  readonly connections: Gateway = {
    owns: (_method, path) => this.gateways.some((gateway) => gateway.ownsConnectionsPath(path)),
    answer: (request, path, body) => {
      for (const gateway of this.gateways) {
        const reply = gateway.connectionsRequest(request, path, body);
        if (reply !== undefined) return { http: reply };
      }
      return { http: gatewayReply(403, 'Missing Authentication Token') };
    },
  };

  async close(): Promise<void> {
    await Promise.all(this.gateways.map((gateway) => gateway.close()));
    this.gateways = [];
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
