import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { serveDuringSuite, templateFile } from '../../support/local-api';
import { tempDir } from '../../support/temp-dirs';

const TEMPLATE = `
Transform: AWS::Serverless-2016-10-31
Resources:
  StreamFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Timeout: 10
      InlineCode: |
        exports.handler = awslambda.streamifyResponse(async (event, responseStream) => {
          const stream = awslambda.HttpResponseStream.from(responseStream, {
            statusCode: 201,
            headers: { 'content-type': 'text/plain', 'x-mode': 'stream' },
            cookies: ['s=1'],
          });
          stream.write('first;');
          // The test lets the handler go on only after it has read the first chunk.
          while (!require('node:fs').existsSync(event.queryStringParameters.go)) await new Promise((r) => setTimeout(r, 20));
          stream.write('second');
          stream.end();
        });
      FunctionUrlConfig:
        AuthType: NONE
        InvokeMode: RESPONSE_STREAM
`;

describe('a RESPONSE_STREAM function URL streams the handler writes as they come', () => {
  const api = serveDuringSuite(templateFile('streaming-', TEMPLATE));

  it('sends the prelude and the first chunk before the handler ends, then the rest', async () => {
    const go = join(tempDir('stream-go-'), 'go');
    const base = api().functionUrls[0]?.url ?? '';
    const received: string[] = [];
    const result = await new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
      (resolve, reject) => {
        const outgoing = request(`${base}?go=${encodeURIComponent(go)}`, (response) => {
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            received.push(chunk);
            // Only now may the handler finish: the first chunk came while it was still running.
            if (received.length === 1) writeFileSync(go, '');
          });
          response.on('end', () => {
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body: received.join('') });
          });
        });
        outgoing.on('error', reject);
        outgoing.end();
      },
    );
    expect(received[0]).toBe('first;');
    expect(result.status).toBe(201);
    expect(result.headers['content-type']).toBe('text/plain');
    expect(result.headers['x-mode']).toBe('stream');
    expect(result.headers['set-cookie']).toEqual(['s=1']);
    expect(result.body).toBe('first;second');
  });
});
