import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { resultOf, type Inspector } from './inspector';
import type { InvokeOutcome } from './invoke';
import type { LocalFunctions } from './local-functions';
import { faultOf, type HttpReply } from './result';
import {
  connectEvent,
  connectionInfo,
  disconnectEvent,
  messageEvent,
  newConnectionId,
  type ConnectionInfo,
} from './websocket-event';
import { selectRoute, type WebSocketApi } from './websocket-routes';

export const MAX_MESSAGE_BYTES = 128 * 1024;

interface Connection {
  info: ConnectionInfo;
  socket: WebSocket;
  lastActiveAt: number;
}

/**
 * API Gateway's WebSocket side: the handshake runs `$connect`, each message is routed by the API's
 * selection expression, closing runs `$disconnect`, and functions reply through `@connections`.
 */
export class WebSocketGateway {
  private readonly connections = new Map<string, Connection>();
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  constructor(
    readonly api: WebSocketApi,
    private readonly functions: LocalFunctions,
    private readonly log: (line: string) => void,
    private readonly inspector?: Inspector,
  ) {}

  /** Upgrades a request for `/` or `/{stage}`; `$connect` must answer 2xx first, as the real API waits for it. */
  async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/' && path !== `/${this.api.stage}`) {
      refuse(socket, 403);
      return;
    }
    const info = connectionInfo(request, newConnectionId(), this.api.stage);
    const status = await this.run('$connect', info, connectEvent(info));
    if (status < 200 || status > 299) {
      refuse(socket, status);
      return;
    }
    this.server.handleUpgrade(request, socket, head, (ws) => {
      const connection: Connection = { info, socket: ws, lastActiveAt: Date.now() };
      this.connections.set(info.connectionId, connection);
      ws.on('message', (data, isBinary) => {
        connection.lastActiveAt = Date.now();
        void this.onMessage(connection, toBuffer(data), isBinary);
      });
      ws.on('close', (code, reason) => {
        this.connections.delete(info.connectionId);
        void this.run('$disconnect', info, disconnectEvent(info, code, reason.toString()));
      });
      ws.on('error', () => undefined); // an oversize message: ws closes with 1009 itself
    });
  }

  /** `POST|GET|DELETE /{stage}/@connections/{connectionId}`, or undefined for any other path. */
  connectionsRequest(method: string, path: string, body: Buffer): HttpReply | undefined {
    const match = /^(?:\/[^/]+)?\/@connections\/([^/]+)$/.exec(path);
    if (match?.[1] === undefined) return undefined;
    const connection = this.connections.get(decodeURIComponent(match[1]));
    if (connection === undefined) {
      return {
        statusCode: 410,
        headers: [
          ['x-amzn-ErrorType', 'GoneException'],
          ['Content-Type', 'application/json'],
        ],
        body: Buffer.from('{"message":null}'),
      };
    }
    if (method === 'POST') {
      connection.socket.send(body.toString('utf8'));
      return { statusCode: 200, headers: [], body: Buffer.alloc(0) };
    }
    if (method === 'DELETE') {
      connection.socket.close(1000, 'closed by @connections');
      return { statusCode: 204, headers: [], body: Buffer.alloc(0) };
    }
    const description = {
      connectedAt: new Date(connection.info.connectedAt).toISOString(),
      identity: { sourceIp: connection.info.sourceIp, userAgent: connection.info.userAgent },
      lastActiveAt: new Date(connection.lastActiveAt).toISOString(),
    };
    return {
      statusCode: 200,
      headers: [['Content-Type', 'application/json']],
      body: Buffer.from(JSON.stringify(description)),
    };
  }

  close(): void {
    for (const { socket } of this.connections.values()) socket.terminate();
    this.server.close();
  }

  private async onMessage(connection: Connection, data: Buffer, isBinary: boolean): Promise<void> {
    const { info, socket } = connection;
    const routeKey = isBinary ? '$default' : selectRoute(this.api, data.toString('utf8'));
    const event = messageEvent(info, routeKey, data, isBinary);
    const requestId = (event.requestContext as { requestId: string }).requestId;
    if (!this.api.routes.has(routeKey)) {
      socket.send(JSON.stringify({ message: 'Forbidden', connectionId: info.connectionId, requestId }));
      this.log(`WS ${routeKey} ${info.connectionId} 403 no route`);
      return;
    }
    const status = await this.run(routeKey, info, event);
    if (status >= 500) {
      socket.send(
        JSON.stringify({ message: 'Internal server error', connectionId: info.connectionId, requestId }),
      );
    }
  }

  /** Invokes a route's function; the status API Gateway takes from it (500 for a fault). No route: 200. */
  private async run(routeKey: string, info: ConnectionInfo, event: Record<string, unknown>): Promise<number> {
    const functionId = this.api.routes.get(routeKey);
    if (functionId === undefined) return 200;
    const started = performance.now();
    const invocation = this.functions.invoke(functionId, event);
    const outcome = await invocation.outcome;
    const status = statusOf(outcome);
    this.inspector?.record({
      functionId,
      trigger: `WS ${routeKey}`,
      status,
      durationMs: Math.round(performance.now() - started),
      event: () => event,
      result: resultOf(outcome),
      logs: invocation.logs,
    });
    this.log(
      `WS ${routeKey} ${info.connectionId} ${status} ${(performance.now() - started).toFixed(0)} ms ${invocation.awsRequestId}`,
    );
    for (const line of invocation.logs) this.log(`  ${line}`);
    if (outcome.kind !== 'result') this.log(`  ${faultOf(outcome)}`);
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
