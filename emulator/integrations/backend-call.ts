import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { gatewayReply } from '../gateway/http-reply';
import type { IntegrationOutcome } from './outcome';

/** API Gateway's limit on an integration's response payload. */
const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

// Connections to a backend are kept open between requests, as API Gateway keeps its own.
const httpAgent = new HttpAgent({ keepAlive: true });
const httpsAgent = new HttpsAgent({ keepAlive: true });

export interface BackendCall {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: Buffer;
  timeoutMs: number;
}

/** What came back: status, headers in order, body; or the gateway's 500 or 504 when nothing usable did. */
export type BackendAnswer =
  | { status: number; headers: [string, string][]; body: Buffer }
  | { failed: IntegrationOutcome & { kind: 'failed' } };

/** One HTTP(S) request to an integration's backend, within the integration's timeout. */
export function callBackend(call: BackendCall): Promise<BackendAnswer> {
  return new Promise((resolve) => {
    const secure = call.url.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    const failed = (statusCode: number, message: string, fault: string): void => {
      resolve({ failed: { kind: 'failed', reply: gatewayReply(statusCode, message, { fault }) } });
    };
    const outgoing = send(
      call.url,
      { method: call.method, headers: call.headers, agent: secure ? httpsAgent : httpAgent },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            response.destroy();
            failed(500, 'Internal server error', "the integration's response is over API Gateway's 10 MB");
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 502,
            headers: headerList(response.rawHeaders),
            body: Buffer.concat(chunks),
          });
        });
        response.on('error', (error) => {
          failed(500, 'Internal server error', `the integration's response failed: ${error.message}`);
        });
      },
    );
    outgoing.setTimeout(call.timeoutMs, () => {
      outgoing.destroy();
      failed(504, 'Endpoint request timed out', `the integration did not answer within ${call.timeoutMs} ms`);
    });
    outgoing.on('error', (error) => {
      failed(
        500,
        'Internal server error',
        `the integration endpoint ${call.url.origin} cannot be reached: ${error.message}`,
      );
    });
    // A length, never chunked framing: one write for a request without a body, as API Gateway sends it.
    if (call.body.length === 0) outgoing.end();
    else outgoing.end(call.body);
  });
}

function headerList(raw: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let index = 0; index + 1 < raw.length; index += 2)
    pairs.push([raw[index] ?? '', raw[index + 1] ?? '']);
  return pairs;
}
