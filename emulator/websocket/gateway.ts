import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData } from 'ws';
import { NO_BODY, type HttpReply } from '../gateway/http-reply';
import { incomingRequest } from '../gateway/incoming-request';
import { faultOf, resultOf, type InvocationReporter } from '../gateway/invocation-report';
import type { InvokeOutcome } from '../runtime/invocation';
import type { RunningFunctions } from '../runtime/running-functions';
import { pathOf } from '../shared/url-path';
import type { WebSocketApi } from '../template/websocket-apis';
import {
  connectionsRequest,
  deliver,
  type Connection,
  type ConnectionsEndpointSettings,
} from './connections-endpoint';
import type { WebSocketEvent } from './event-types';
import {
  connectEvent,
  connectionInfo,
  disconnectEvent,
  messageEvent,
  newConnectionId,
  type ConnectionInfo,
} from './events';
import { FrameSizeWatch, MAX_FRAME_BYTES } from './frame-size-watch';
import { selectRoute } from './route-selection';

export const MAX_MESSAGE_BYTES = 128 * 1024;

/**
 * API Gateway's WebSocket side: the handshake runs `$connect`, each message is routed by the API's
 * selection expression, closing runs `$disconnect`, and functions reply through `@connections`.
 */
export class WebSocketGateway {
  private readonly connections = new Map<string, Connection>();
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  private readonly endpoint: ConnectionsEndpointSettings;

  constructor(
    readonly api: WebSocketApi,
    private readonly functions: RunningFunctions,
    private readonly reporter: InvocationReporter,
    allowedHosts: readonly string[] = [],
  ) {
    this.endpoint = { stage: api.stage, allowedHosts };
  }

  /**
   * Upgrades a request for `/` or `/{stage}`; `$connect` must answer 2xx first, as the real API waits
   * for it. Whatever the client does meanwhile (a reset, a close), only its own socket ends.
   */
  async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => undefined);
    try {
      await this.handshake(request, socket, head);
    } catch (error) {
      socket.destroy();
      this.reporter.reportFailure(`WS ${request.url ?? ''} handshake failed in the emulator`, error);
    }
  }

  /** The @connections API's answer to a request, or undefined when it is not one. */
  connectionsRequest(request: IncomingMessage, path: string, body: Buffer): HttpReply | undefined {
    return connectionsRequest(this.connections, this.endpoint, request, path, body);
  }

  private async handshake(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const path = pathOf(request.url);
    if (path !== '/' && path !== `/${this.api.stage}`) {
      refuse(socket, 403);
      return;
    }
    const info = connectionInfo(incomingRequest(request, NO_BODY), newConnectionId(), this.api.stage);
    const status = await this.run('$connect', info, connectEvent(info));
    if (status < 200 || status > 299) {
      refuse(socket, status);
      return;
    }
    // The client may have left while $connect ran: there is nothing to upgrade.
    if (socket.destroyed || !socket.writable) return;
    let oversize = false;
    let connection: Connection | undefined;
    const frames = new FrameSizeWatch(MAX_FRAME_BYTES, () => {
      oversize = true;
      connection?.socket.close(1009, 'Message too big');
    });
    frames.push(head);
    socket.prependListener('data', (chunk: Buffer) => {
      frames.push(chunk);
    });
    this.server.handleUpgrade(request, socket, head, (ws) => {
      const open: Connection = { info, socket: ws, lastActiveAt: Date.now() };
      connection = open;
      this.connections.set(info.connectionId, open);
      if (oversize) ws.close(1009, 'Message too big');
      ws.on('message', (data, isBinary) => {
        open.lastActiveAt = Date.now();
        if (oversize) return;
        // The service takes text frames only.
        if (isBinary) ws.close(1003, 'Binary frames are not supported');
        else void this.onMessage(open, toBuffer(data));
      });
      ws.on('close', (code, reason) => {
        this.connections.delete(info.connectionId);
        void this.run('$disconnect', info, disconnectEvent(info, code, reason.toString()));
      });
      ws.on('error', () => undefined); // an oversize message: ws closes with 1009 itself
    });
  }

  close(): void {
    for (const { socket } of this.connections.values()) socket.terminate();
    this.server.close();
  }

  private async onMessage(connection: Connection, data: Buffer): Promise<void> {
    const { info } = connection;
    const routeKey = selectRoute(this.api, data.toString('utf8'));
    const event = messageEvent(info, routeKey, data);
    const { requestId } = event.requestContext;
    if (!this.api.routes.has(routeKey)) {
      deliver(
        connection,
        JSON.stringify({ message: 'Forbidden', connectionId: info.connectionId, requestId }),
      );
      this.reporter.report(`WS ${routeKey} ${info.connectionId} 403 no route`, undefined, undefined);
      return;
    }
    const status = await this.run(routeKey, info, event);
    if (status >= 500) {
      deliver(
        connection,
        JSON.stringify({ message: 'Internal server error', connectionId: info.connectionId, requestId }),
      );
    }
  }

  /** Invokes a route's function; the status API Gateway takes from it (500 for a fault). No route: 200. */
  private async run(routeKey: string, info: ConnectionInfo, event: WebSocketEvent): Promise<number> {
    const functionId = this.api.routes.get(routeKey);
    if (functionId === undefined) return 200;
    const started = performance.now();
    const invocation = this.functions.invoke(functionId, event);
    const outcome = await invocation.outcome;
    const status = statusOf(outcome);
    const ms = performance.now() - started;
    this.reporter.report(
      `WS ${routeKey} ${info.connectionId} ${status} ${ms.toFixed(0)} ms ${invocation.awsRequestId}`,
      outcome.kind === 'result' ? undefined : faultOf(outcome),
      {
        functionId,
        trigger: `WS ${routeKey}`,
        status,
        durationMs: Math.round(ms),
        event: () => event,
        result: resultOf(outcome),
        logs: invocation.logs,
      },
    );
    return status;
  }
}

function statusOf(outcome: InvokeOutcome): number {
  if (outcome.kind !== 'result') return 500;
  const statusCode = (outcome.result as { statusCode?: unknown } | null)?.statusCode;
  return typeof statusCode === 'number' ? statusCode : 200;
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

function refuse(socket: Duplex, status: number): void {
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Refused'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
  );
}
