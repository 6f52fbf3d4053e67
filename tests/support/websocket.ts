import WebSocket from 'ws';

/** A connected client that queues what it receives, so a test can await the next message. */
export class TestClient {
  readonly messages: string[] = [];
  private waiting: ((message: string) => void) | undefined;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const message = data.toString();
      if (this.waiting === undefined) this.messages.push(message);
      else this.waiting(message);
      this.waiting = undefined;
    });
  }

  static connect(url: string, headers: Record<string, string> = {}): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers });
      const client = new TestClient(socket);
      socket.once('open', () => {
        resolve(client);
      });
      socket.once('unexpected-response', (_request, response) => {
        reject(new Error(`handshake refused with ${response.statusCode ?? 0}`));
      });
      socket.once('error', reject);
    });
  }

  next(timeoutMs = 10_000): Promise<string> {
    const queued = this.messages.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error('no message in time'));
      }, timeoutMs);
      this.waiting = (message) => {
        clearTimeout(timer);
        resolve(message);
      };
    });
  }

  async ask(message: string): Promise<unknown> {
    this.socket.send(message);
    return JSON.parse(await this.next()) as unknown;
  }

  closed(): Promise<{ code: number; reason: string }> {
    return new Promise((resolve) => {
      this.socket.once('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
      });
    });
  }
}

/** What the SDK's signed @connections requests carry: the local endpoint checks its shape only. */
export const SIGNED: Record<string, string> = {
  Authorization:
    'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=0',
};
