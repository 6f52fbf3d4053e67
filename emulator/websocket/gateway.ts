import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData } from 'ws';
import { NO_BODY, type HttpReply } from '../gateway/http-reply';
import { incomingRequest } from '../gateway/incoming-request';
import { findHeader } from '../formats/parameter-maps';
import { authorizeConnect } from '../auth/connect-authorizer';
import { faultOf, resultOf, type InvocationReporter } from '../gateway/invocation-report';
import { integrated } from '../gateway/integrated-step';
import { StageClock } from '../gateway/stage-clock';
import type { InvokeOutcome } from '../runtime/invocation';
import type { RunningFunctions } from '../runtime/running-functions';
import type { WebSocketApi, WebSocketIntegration } from '../template/websocket-apis';
import {
  connectionIdOf,
  connectionsRequest,
  deliver,
  type Connection,
  type ConnectionsEndpointSettings,
} from './connections-endpoint';
import type { WebSocketEvent } from '../formats/websocket-event-types';
import {
  connectEvent,
  connectionInfo,
  disconnectEvent,
  messageEvent,
  newConnectionId,
  type ConnectionInfo,
} from './events';
import { FrameSizeWatch, MAX_FRAME_BYTES } from './frame-size-watch';
import { runRouteIntegration } from './route-integration';
import { hasRoute, selectRoute } from './route-selection';

export const MAX_MESSAGE_BYTES = 128 * 1024;
/** The service closes a connection idle this long, and any connection after this long. */
export const IDLE_TIMEOUT_MS = 10 * 60 * 1000;
export const MAX_CONNECTION_MS = 2 * 60 * 60 * 1000;

export interface WebSocketGatewayOptions {
  allowedHosts?: readonly string[];
  /** Shorter than the service's 10 minutes and 2 hours only to try them out. */
  idleTimeoutMs?: number;
  maxConnectionMs?: number;
  /** The API keys valid for this API: value → key id. */
  apiKeys?: Map<string, string>;
}

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
    private readonly options: WebSocketGatewayOptions = {},
  ) {
    this.endpoint = { stage: api.stage, allowedHosts: options.allowedHosts ?? [] };
  }

  /** Whether an upgrade to this path is for this API: `/{stage}`, or `/` for the first API. */
  /** The connections open now, oldest first. */
  openConnections(): { apiId: string; stage: string; connectionId: string; connectedAt: number }[] {
    return [...this.connections.values()].map(({ info }) => ({
      apiId: this.api.id,
      stage: this.api.stage,
      connectionId: info.connectionId,
      connectedAt: info.connectedAt,
    }));
  }

  serves(path: string, first: boolean): boolean {
    return path === `/${this.api.stage}` || (first && path === '/');
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
  ownsConnectionsPath(path: string): boolean {
    return connectionIdOf(path, this.endpoint.stage) !== undefined;
  }

  connectionsRequest(request: IncomingMessage, path: string, body: Buffer): HttpReply | undefined {
    return connectionsRequest(this.connections, this.endpoint, request, path, body);
  }

  private async handshake(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const info = connectionInfo(incomingRequest(request, NO_BODY), newConnectionId(), this.api);
    const refused = await this.admission(info);
    if (refused !== undefined) {
      refuseUpgrade(socket, refused);
      return;
    }
    const status = await this.run('$connect', info, connectEvent(info));
    if (status < 200 || status > 299) {
      refuseUpgrade(socket, status);
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
      // As the service does: a connection idle for 10 minutes, and any after 2 hours, is closed.
      const goingAway = (): void => {
        ws.close(1001, 'Going away');
      };
      let idle = setTimeout(goingAway, this.options.idleTimeoutMs ?? IDLE_TIMEOUT_MS);
      const lifetime = setTimeout(goingAway, this.options.maxConnectionMs ?? MAX_CONNECTION_MS);
      ws.on('message', (data, isBinary) => {
        clearTimeout(idle);
        idle = setTimeout(goingAway, this.options.idleTimeoutMs ?? IDLE_TIMEOUT_MS);
        open.lastActiveAt = Date.now();
        if (oversize) return;
        // The service takes text frames only.
        if (isBinary) ws.close(1003, 'Binary frames are not supported');
        else void this.onMessage(open, toBuffer(data));
      });
      ws.on('close', (code, reason) => {
        clearTimeout(idle);
        clearTimeout(lifetime);
        this.connections.delete(info.connectionId);
        void this.run('$disconnect', info, disconnectEvent(info, code, reason.toString()));
      });
      ws.on('error', () => undefined); // an oversize message: ws closes with 1009 itself
    });
  }

  /** Closes every client as the service does when it goes away (1001), then drops any that lingers. */
  async close(): Promise<void> {
    const sockets = [...this.connections.values()].map(({ socket }) => socket);
    await Promise.all(
      sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              socket.terminate();
              resolve();
            }, 1000);
            socket.once('close', () => {
              clearTimeout(timer);
              resolve();
            });
            socket.close(1001, 'Going away');
          }),
      ),
    );
    this.server.close();
  }

  private async onMessage(connection: Connection, data: Buffer): Promise<void> {
    const { info } = connection;
    const routeKey = selectRoute(this.api, data.toString('utf8'));
    const event = messageEvent(info, routeKey, data);
    const { requestId } = event.requestContext;
    if (!hasRoute(this.api, routeKey)) {
      deliver(
        connection,
        JSON.stringify({ message: 'Forbidden', connectionId: info.connectionId, requestId }),
      );
      this.reporter.report(`WS ${routeKey} ${info.connectionId} 403 no route`, undefined, undefined);
      return;
    }
    const { status, outcome, reply } = await this.invoke(routeKey, info, event);
    if (status >= 500) {
      deliver(
        connection,
        JSON.stringify({ message: 'Internal server error', connectionId: info.connectionId, requestId }),
      );
      return;
    }
    // A two-way route sends the integration's response body back to the client.
    const body = reply ?? (outcome === undefined ? undefined : responseBody(outcome));
    if (this.api.twoWayRoutes.has(routeKey) && body !== undefined) deliver(connection, body);
  }

  /**
   * The `$connect` authorizer and the API key, checked before `$connect` runs: the status that
   * refuses the handshake, or undefined to go on (with the authorizer's context in `info`).
   */
  private async admission(info: ConnectionInfo): Promise<number | undefined> {
    const { connectAuthorizer, connectApiKeyRequired } = this.api;
    if (connectAuthorizer !== undefined) {
      const started = performance.now();
      const decision = await authorizeConnect(connectAuthorizer, connectEvent(info), this.functions);
      const status = decision.allowed ? 200 : decision.status;
      const ms = performance.now() - started;
      const { invoked } = decision;
      this.reporter.report(
        `WS $connect ${info.connectionId} authorizer ${connectAuthorizer.name} ${status} ${ms.toFixed(0)} ms`,
        decision.allowed ? undefined : decision.why,
        invoked === undefined
          ? undefined
          : {
              functionId: connectAuthorizer.functionId,
              trigger: `WS $connect authorizer ${connectAuthorizer.name}`,
              connectionId: info.connectionId,
              status,
              durationMs: Math.round(ms),
              event: () => invoked.input,
              result: invoked.result,
              logs: invoked.logs,
            },
      );
      if (!decision.allowed) return decision.status;
      info.authorizer = decision.authorizer;
    }
    if (connectApiKeyRequired) {
      const key = findHeader(info.headers.single, 'x-api-key');
      if (key === undefined || this.options.apiKeys?.get(key) === undefined) {
        this.reporter.report(
          `WS $connect ${info.connectionId} 403`,
          'no enabled API key of a usage plan of this API in x-api-key',
          undefined,
        );
        return 403;
      }
    }
    return undefined;
  }

  /** Invokes a route's function; the status API Gateway takes from it (500 for a fault). No route: 200. */
  private async run(routeKey: string, info: ConnectionInfo, event: WebSocketEvent): Promise<number> {
    return (await this.invoke(routeKey, info, event)).status;
  }

  private async invoke(
    routeKey: string,
    info: ConnectionInfo,
    event: WebSocketEvent,
  ): Promise<{ status: number; outcome?: InvokeOutcome; reply?: string }> {
    const functionId = this.api.routes.get(routeKey);
    const integration = this.api.integrations.get(routeKey);
    if (functionId === undefined && integration !== undefined)
      return this.integrate(routeKey, integration, info, event);
    if (functionId === undefined) return { status: 200 };
    const clock = new StageClock();
    const invocation = this.functions.invoke(functionId, event);
    const outcome = await invocation.outcome;
    const status = statusOf(outcome);
    const { functions } = this;
    clock.step('Integrate', () => integrated(functionId, invocation.awsRequestId, outcome, functions));
    const ms = clock.elapsedMs();
    this.reporter.report(
      `WS ${routeKey} ${info.connectionId} ${status} ${ms.toFixed(0)} ms ${invocation.awsRequestId}`,
      outcome.kind === 'result' ? undefined : faultOf(outcome),
      {
        functionId,
        trigger: `WS ${routeKey}`,
        connectionId: info.connectionId,
        status,
        durationMs: Math.round(ms),
        event: () => event,
        result: resultOf(outcome),
        logs: invocation.logs,
        steps: clock.steps,
      },
    );
    return { status, outcome };
  }

  /** A route whose integration is MOCK or AWS: its templates and integration responses. */
  private async integrate(
    routeKey: string,
    integration: WebSocketIntegration,
    info: ConnectionInfo,
    event: WebSocketEvent,
  ): Promise<{ status: number; reply?: string }> {
    const started = performance.now();
    const result = await runRouteIntegration(
      integration,
      event,
      this.api.twoWayRoutes.has(routeKey),
      this.functions,
    );
    const ms = performance.now() - started;
    const { invocation, status } = result;
    const line = `WS ${routeKey} ${info.connectionId} ${status} ${ms.toFixed(0)} ms (${integration.type} integration)`;
    this.reporter.report(
      line,
      result.fault,
      invocation === undefined || integration.functionId === undefined
        ? undefined
        : {
            functionId: integration.functionId,
            trigger: `WS ${routeKey}`,
            connectionId: info.connectionId,
            status,
            durationMs: Math.round(ms),
            event: () => event,
            result: result.reply ?? null,
            logs: invocation.logs,
          },
    );
    return result.reply === undefined ? { status } : { status, reply: result.reply };
  }
}

function statusOf(outcome: InvokeOutcome): number {
  if (outcome.kind !== 'result') return 500;
  const statusCode = (outcome.result as { statusCode?: unknown } | null)?.statusCode;
  return typeof statusCode === 'number' ? statusCode : 200;
}

/** What a two-way route sends back: the proxy response's `body`, or a string the function returned. */
function responseBody(outcome: InvokeOutcome): string | undefined {
  if (outcome.kind !== 'result') return undefined;
  const { result } = outcome;
  if (typeof result === 'string') return result;
  const body = (result as { body?: unknown } | null)?.body;
  return typeof body === 'string' ? body : undefined;
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

/** Refuses a WebSocket handshake with an HTTP status, as the service does. */
export function refuseUpgrade(socket: Duplex, status: number): void {
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Refused'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
  );
}
