import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serveDuringSuite } from '../../support/local-api';
import { NON_PROXY_STAGES } from '../../support/stages';

const APP_TEMPLATE = join(__dirname, '..', '..', 'fixtures', 'apps', 'integrations', 'template.yaml');

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A backend the integrations call: it records each request and answers by path. */
function startBackend(seen: Seen[]): Server {
  return createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      const target = request.headers['x-amz-target'];
      if (target === 'DynamoDB_20120810.PutItem' && body.includes('"refuse"')) {
        response.writeHead(400, { 'Content-Type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify({ __type: 'ValidationException', message: 'refused by the table' }));
        return;
      }
      if (request.url?.startsWith('/fail')) {
        response.writeHead(503, { 'Content-Type': 'text/plain' });
        response.end('down');
        return;
      }
      response.writeHead(201, {
        'Content-Type': 'application/json',
        'X-Backend-Id': 'b-7',
        'Set-Cookie': 'a=1',
      });
      response.end(JSON.stringify({ path: request.url, method: request.method, body }));
    });
  });
}

describe('REST integrations beyond Lambda proxy, as API Gateway runs them', () => {
  const seen: Seen[] = [];
  const backend = startBackend(seen);
  const options: { parameterOverrides: string[] } = { parameterOverrides: [] };
  let backendUrl = '';
  beforeAll(async () => {
    backend.listen(0, '127.0.0.1');
    await once(backend, 'listening');
    backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
    options.parameterOverrides.push(`BackendUrl=${backendUrl}`);
  });
  const api = serveDuringSuite(APP_TEMPLATE, options);
  afterAll(async () => {
    backend.close();
    await once(backend, 'close');
  });
  beforeEach(() => {
    seen.length = 0;
  });

  const call = async (
    path: string,
    init: RequestInit = {},
  ): Promise<{ status: number; headers: Headers; text: string }> => {
    const response = await fetch(`${api().url}${path}`, init);
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
  const postJson = (
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): ReturnType<typeof call> =>
    call(path, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', ...headers },
    });

  describe('MOCK', () => {
    it('answers from the integration response: its template with $context, its static and stage-variable headers', async () => {
      const { status, headers, text } = await call('/int/health');
      expect(status).toBe(200);
      expect(JSON.parse(text)).toEqual({ status: 'ok', stage: 'int', method: 'GET', resource: '/health' });
      expect(headers.get('content-type')).toBe('application/json');
      expect(headers.get('x-mock')).toBe('yes');
      expect(headers.get('x-stage')).toBe(backendUrl);
    });

    it('takes its status from the request template and selects the integration response by it', async () => {
      const client = await postJson('/int/mock-status', { code: 404 });
      expect(client.status).toBe(400);
      expect(JSON.parse(client.text)).toEqual({ error: 'client' });
      const fine = await postJson('/int/mock-status', { code: 200 });
      expect(fine.status).toBe(200);
      expect(JSON.parse(fine.text)).toEqual({ fine: true });
    });

    it('answers 400 when a template reads a body that is not JSON', async () => {
      const { status, text, headers } = await call('/int/mock-status', {
        method: 'POST',
        body: '{not json',
        headers: { 'Content-Type': 'application/json' },
      });
      expect(status).toBe(400);
      expect(JSON.parse(text)).toEqual({
        message: expect.stringMatching(/^Could not parse request body into json: /),
      });
      expect(headers.get('x-amzn-errortype')).toBe('BadRequestException');
    });

    it('applies $context.responseOverride and reads parameters with $input.params and $util', async () => {
      const { status, headers, text } = await call('/int/override?q=%22quoted%22&b=2');
      expect(status).toBe(418);
      expect(headers.get('x-teapot')).toBe('short and stout');
      expect(JSON.parse(text)).toEqual({ q: '"quoted"', all: 'q="quoted"&b=2' });
    });

    it('answers 415 for a content type without a template when passthroughBehavior is NEVER', async () => {
      const refused = await call('/int/strict', {
        method: 'POST',
        body: 'hi',
        headers: { 'Content-Type': 'text/plain' },
      });
      expect(refused.status).toBe(415);
      expect(JSON.parse(refused.text)).toEqual({ message: 'Unsupported Media Type' });
      expect(refused.headers.get('x-amzn-errortype')).toBe('UnsupportedMediaTypeException');
      const accepted = await postJson('/int/strict', {});
      expect(accepted.status).toBe(204);
      expect(accepted.text).toBe('');
    });
  });

  it("records each stage in the console, as API Gateway's test console logs it", async () => {
    await postJson('/int/transform?item=9', { a: 2 });
    const list = (await (await fetch(`${api().url}/_console/api/invocations`)).json()) as {
      id: string;
      trigger: string;
      functionId: string;
    }[];
    const summary = list.find(({ trigger }) => trigger === 'IntegrationsApi POST /transform');
    expect(summary?.functionId).toBe('HTTP integration');
    const details = (await (
      await fetch(`${api().url}/_console/api/invocations/${summary?.id ?? ''}`)
    ).json()) as {
      steps: { stage: string; detail: Record<string, unknown>; startMs: number; ms: number }[];
    };
    expect(details.steps.map(({ stage }) => stage)).toEqual(NON_PROXY_STAGES);
    const step = (stage: string): Record<string, unknown> | undefined =>
      details.steps.find((candidate) => candidate.stage === stage)?.detail;
    expect(step('Integration request')).toMatchObject({
      template: 'application/json',
      path: { item: '9' },
      body: '{"wrapped": {"a":2}, "ip": "127.0.0.1"}',
    });
    expect(step('Integration response')).toMatchObject({ status: 201 });
    expect(step('Method response')).toMatchObject({ statusCode: 200, headers: { 'X-Backend-Id': 'b-7' } });
    // Timed one after the other, from the request's arrival.
    for (const [index, { startMs, ms }] of details.steps.entries()) {
      expect(ms).toBeGreaterThanOrEqual(0);
      const previous = details.steps[index - 1];
      expect(startMs).toBeCloseTo(previous === undefined ? 0 : previous.startMs + previous.ms, 6);
    }
  });

  describe('request validation', () => {
    const valid = { 'Content-Type': 'application/json', tenant: 'acme' };

    it('answers 400 naming every missing required parameter, before the body is looked at', async () => {
      const { status, text, headers } = await call('/int/validated/7', { method: 'POST', body: 'nope' });
      expect(status).toBe(400);
      expect(JSON.parse(text)).toEqual({ message: 'Missing required request parameters: [tenant, verbose]' });
      expect(headers.get('x-amzn-errortype')).toBe('BadRequestException');
    });

    it('answers 400 Invalid request body for a body that does not match the model, or is not JSON', async () => {
      for (const body of ['{"count": 1}', '{"name": ""}', '{"name": "x", "count": "many"}', 'not json']) {
        const { status, text } = await call('/int/validated/7?verbose=1', {
          method: 'POST',
          body,
          headers: valid,
        });
        expect({ body, status, message: (JSON.parse(text) as { message: string }).message }).toEqual({
          body,
          status: 400,
          message: 'Invalid request body',
        });
      }
    });

    it('lets a valid request through to the integration', async () => {
      const { status, text } = await call('/int/validated/7?verbose=1', {
        method: 'POST',
        body: '{"name": "widget", "count": 2}',
        headers: valid,
      });
      expect(status).toBe(201);
      expect(JSON.parse(text)).toEqual({ id: '7' });
    });
  });

  describe("SAM's RequestModel and RequestParameters on an Api event", () => {
    it('validates as the validator SAM writes: required header, then the body against the API Model', async () => {
      const missing = await postJson('/models/orders', { sku: 'a', quantity: 1 });
      expect(missing.status).toBe(400);
      expect(JSON.parse(missing.text)).toEqual({
        message: 'Missing required request parameters: [X-Client]',
      });
      const invalid = await postJson('/models/orders', { sku: 'a', quantity: 0 }, { 'X-Client': 'web' });
      expect(invalid.status).toBe(400);
      expect(JSON.parse(invalid.text)).toEqual({ message: 'Invalid request body' });
      const valid = await postJson('/models/orders', { sku: 'a', quantity: 2 }, { 'X-Client': 'web' });
      expect(valid.status).toBe(200);
      expect(JSON.parse(valid.text)).toEqual({ accepted: '{"sku":"a","quantity":2}' });
    });

    it('does not validate a method whose RequestModel asks for no validation (SAM writes no validator)', async () => {
      const { status } = await call('/models/orders');
      expect(status).toBe(200);
    });
  });

  describe('HTTP_PROXY', () => {
    it('passes the request through to the backend at the {proxy} path, and its response back as it is', async () => {
      const { status, headers, text } = await call('/int/backend/a/b?x=1&x=2', {
        method: 'PATCH',
        body: 'raw body',
        headers: { 'Content-Type': 'text/plain', 'X-Custom': 'c' },
      });
      expect(status).toBe(201);
      expect(headers.get('x-backend-id')).toBe('b-7');
      expect(headers.get('set-cookie')).toBe('a=1');
      expect(JSON.parse(text)).toEqual({ path: '/a/b?x=1&x=2', method: 'PATCH', body: 'raw body' });
      expect(seen[0]?.headers['x-custom']).toBe('c');
      expect(seen[0]?.headers['content-type']).toBe('text/plain');
    });

    it("answers with the backend's own error status", async () => {
      const { status, text } = await call('/int/backend/fail');
      expect(status).toBe(503);
      expect(text).toBe('down');
    });
  });

  describe('HTTP with mapping templates', () => {
    it('sends the mapped request (method, path, query and header mappings, template body) and maps the answer', async () => {
      const { status, headers, text } = await postJson('/int/transform?item=42', { a: 1 });
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ method: 'PUT', url: '/items/42?source=int' });
      expect(seen[0]?.headers['x-tenant']).toBe('acme');
      expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ wrapped: { a: 1 }, ip: '127.0.0.1' });
      // The default integration response: its status, not the backend's 201; headers mapped from the backend's.
      expect(status).toBe(200);
      expect(headers.get('x-backend-id')).toBe('b-7');
      expect(headers.get('x-path')).toBe('/items/42?source=int');
      expect(JSON.parse(text)).toEqual({
        backendSaw: { path: '/items/42?source=int', method: 'PUT', body: seen[0]?.body },
      });
    });
  });

  describe('Lambda without the proxy', () => {
    it('invokes the function with the mapped event and maps its result', async () => {
      const { status, text } = await postJson('/int/greet?q=hi', { name: 'Ana' });
      expect(status).toBe(200);
      expect(JSON.parse(text)).toEqual({ greeting: 'Hello Ana', query: 'hi' });
    });

    it("selects the integration response by the error's message", async () => {
      const { status, text } = await postJson('/int/greet', { name: 'missing' });
      expect(status).toBe(404);
      expect(JSON.parse(text)).toEqual({ missing: 'Item not found: missing' });
    });
  });

  it('names at start-up what differs locally (service calls), and nothing it serves as AWS does', () => {
    expect(api().notices.filter(({ subject }) => subject !== 'functions')).toEqual([
      {
        subject: 'IntegrationsApi',
        text: 'POST /as-text: contentHandling CONVERT_TO_TEXT is not applied locally: bodies pass as they are',
      },
      {
        subject: 'IntegrationsApi',
        text: 'POST /queue: AWS service integration (arn:aws:apigateway:us-east-1:sqs:path/123456789012/orders) sent SigV4-signed to the endpoint AWS_ENDPOINT_URL_<SERVICE> or AWS_ENDPOINT_URL names, else to AWS with the credentials in the environment',
      },
      {
        subject: 'IntegrationsApi',
        text: 'POST /items: AWS service integration (arn:aws:apigateway:us-east-1:dynamodb:action/PutItem) sent SigV4-signed to the endpoint AWS_ENDPOINT_URL_<SERVICE> or AWS_ENDPOINT_URL names, else to AWS with the credentials in the environment',
      },
    ]);
  });

  describe('AWS service integrations', () => {
    const saved = { ...process.env };
    afterEach(() => {
      for (const key of Object.keys(process.env))
        if (!(key in saved)) Reflect.deleteProperty(process.env, key);
      Object.assign(process.env, saved);
    });

    it('sends an SQS path integration to AWS_ENDPOINT_URL_SQS, SigV4-signed, with the mapped body', async () => {
      process.env.AWS_ENDPOINT_URL_SQS = backendUrl;
      const { status, text } = await postJson('/int/queue', { order: 1 });
      expect(status).toBe(200);
      expect(JSON.parse(text)).toEqual({ queued: true });
      expect(seen[0]?.url).toBe('/123456789012/orders');
      expect(seen[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(seen[0]?.headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=\S+\/\d{8}\/us-east-1\/sqs\/aws4_request, SignedHeaders=\S+, Signature=[0-9a-f]{64}$/,
      );
      expect(seen[0]?.body).toBe(`Action=SendMessage&MessageBody=${encodeURIComponent('{"order":1}')}`);
    });

    it('sends a DynamoDB action with its X-Amz-Target and maps a service error by its status', async () => {
      process.env.AWS_ENDPOINT_URL = backendUrl;
      const stored = await postJson('/int/items', { name: 'widget' });
      expect(stored.status).toBe(200);
      expect(JSON.parse(stored.text)).toEqual({ stored: true });
      expect(seen[0]?.headers['x-amz-target']).toBe('DynamoDB_20120810.PutItem');
      expect(seen[0]?.headers['content-type']).toBe('application/x-amz-json-1.0');
      expect(JSON.parse(seen[0]?.body ?? '')).toMatchObject({
        TableName: 'items',
        Item: { name: { S: 'widget' } },
      });
      const refused = await postJson('/int/items', { name: 'refuse' });
      expect(refused.status).toBe(400);
      expect(JSON.parse(refused.text)).toEqual({ refused: 'refused by the table' });
    });

    it('never calls AWS itself without credentials: 500, and the terminal says why', async () => {
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
      const { status, text } = await postJson('/int/queue', { order: 1 });
      expect(status).toBe(500);
      expect(JSON.parse(text)).toEqual({ message: 'Internal server error' });
      expect(seen).toHaveLength(0);
      expect(api().lines.join('\n')).toContain(
        'the sqs integration would call AWS, and there are no credentials in the environment',
      );
    });
  });
});
