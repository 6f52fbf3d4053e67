import { createServer, type Server } from 'node:http';
import { gatewayReply, NO_BODY, sendReply, type HttpReply } from '../gateway/http-reply';
import { readBody } from '../gateway/request-body';
import { listen, serverUrl } from '../shared/http-server';
import { MAX_POST_BYTES } from './connections-endpoint';

/** One call a function made to the @connections API. */
export interface ConnectionsCall {
  method: string;
  connectionId: string;
  body: string;
}

/**
 * The @connections API for one `invoke` of a WebSocket function: there is no client, so every
 * connection id is taken as connected, and each call is recorded (and told to onCall) instead of sent.
 */
export class ConnectionsRecorder {
  readonly calls: ConnectionsCall[] = [];

  private constructor(
    private readonly server: Server,
    /** The endpoint a function's ApiGatewayManagementApi client is given, stage included. */
    readonly endpoint: string,
  ) {}

  static async start(stage: string, onCall: (call: ConnectionsCall) => void): Promise<ConnectionsRecorder> {
    const server = createServer();
    await listen(server, 0, '127.0.0.1');
    const recorder = new ConnectionsRecorder(server, `${serverUrl(server)}/${stage}`);
    server.on('request', (request, response) => {
      readBody(request, (body) => {
        const reply = recorder.answer(
          stage,
          request.method ?? '',
          request.url ?? '',
          request.headers.authorization,
          body,
        );
        sendReply(response, reply, false);
        if (reply.call !== undefined) onCall(reply.call);
      });
    });
    return recorder;
  }

  private answer(
    stage: string,
    method: string,
    url: string,
    authorization: string | undefined,
    body: Buffer | undefined,
  ): HttpReply & { call?: ConnectionsCall } {
    const match = /^\/([^/?]+)\/@connections\/([^/?]+)/.exec(url);
    if (match?.[1] !== stage || match[2] === undefined || !/^AWS4-HMAC-SHA256 /.test(authorization ?? ''))
      return gatewayReply(403, 'Missing Authentication Token');
    if (body === undefined || body.length > MAX_POST_BYTES)
      return gatewayReply(413, `Payload is over ${MAX_POST_BYTES} bytes`, {
        errorType: 'PayloadTooLargeException',
      });
    const call = { method, connectionId: decodeURIComponent(match[2]), body: body.toString('utf8') };
    this.calls.push(call);
    if (method === 'POST') return { statusCode: 200, headers: [], body: NO_BODY, call };
    if (method === 'DELETE') return { statusCode: 204, headers: [], body: NO_BODY, call };
    if (method !== 'GET') return gatewayReply(403, 'Missing Authentication Token');
    const now = new Date().toISOString();
    const description = {
      connectedAt: now,
      identity: { sourceIp: '127.0.0.1', userAgent: 'sam-emulator invoke' },
      lastActiveAt: now,
    };
    return {
      statusCode: 200,
      headers: [['Content-Type', 'application/json']],
      body: Buffer.from(JSON.stringify(description)),
      call,
    };
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => {
      this.server.close(() => {
        resolve();
      });
    });
  }
}
