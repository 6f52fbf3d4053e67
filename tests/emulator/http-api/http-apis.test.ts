import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../support/temp-dirs';
import { rawExchange } from '../../support/raw-http';
import { serveDuringSuite } from '../../support/local-api';

const APP_TEMPLATE = join(__dirname, '..', '..', 'fixtures', 'apps', 'http-apis', 'template.yaml');
const ARN = 'arn:aws:execute-api:us-east-1:123456789012';

/** A JWT with these claims and a signature no one checks offline. */
function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256' })}.${part(claims)}.c2lnbmF0dXJl`;
}

describe('HTTP APIs', () => {
  const api = serveDuringSuite(APP_TEMPLATE);
  const call = async (
    path: string,
    init: RequestInit = {},
  ): Promise<{ status: number; body: string; headers: Headers }> => {
    const response = await fetch(`${api().url}${path}`, init);
    return { status: response.status, body: await response.text(), headers: response.headers };
  };
  const echo = async (path: string, init: RequestInit = {}): Promise<Record<string, unknown>> =>
    JSON.parse((await call(path, init)).body) as Record<string, unknown>;

  it('sends the payload 2.0 event: lower-case headers joined with commas, cookies apart, queries joined', async () => {
    const raw = await rawExchange(
      api().url,
      'GET /items/42?tag=a&tag=b&q=x HTTP/1.1\r\nHost: localhost\r\nX-Day: Monday\r\nx-day: Friday\r\nCookie: a=1; b=2\r\nUser-Agent: raw\r\nConnection: close\r\n\r\n',
    );
    const event = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;
    expect(event).toEqual({
      version: '2.0',
      routeKey: 'GET /items/{id}',
      rawPath: '/items/42',
      rawQueryString: 'tag=a&tag=b&q=x',
      cookies: ['a=1', 'b=2'],
      headers: {
        host: 'localhost',
        'x-day': 'Monday,Friday',
        'user-agent': 'raw',
        connection: 'close',
        'x-forwarded-for': '127.0.0.1',
        'x-forwarded-proto': 'http',
        'x-forwarded-port': new URL(api().url).port,
      },
      queryStringParameters: { tag: 'a,b', q: 'x' },
      requestContext: {
        accountId: '123456789012',
        apiId: 'localhttp',
        domainName: 'localhost',
        domainPrefix: 'localhost',
        http: {
          method: 'GET',
          path: '/items/42',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'raw',
        },
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        routeKey: 'GET /items/{id}',
        stage: '$default',
        time: expect.stringMatching(/^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/),
        timeEpoch: expect.any(Number),
      },
      pathParameters: { id: '42' },
      isBase64Encoded: false,
    });
  });

  it('says at start-up only that JWT signatures are not verified', () => {
    expect(
      api()
        .notices.filter((notice) => notice.subject !== 'functions')
        .map((notice) => notice.subject),
    ).toEqual(['JWT authorizers']);
  });

  it('sends a result with statusCode as given, its cookies as Set-Cookie lines', async () => {
    const raw = await rawExchange(
      api().url,
      'GET /items/1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
    );
    expect(raw).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(raw).toContain('\r\nx-echo: yes\r\n');
    expect(raw).toContain('\r\nSet-Cookie: session=abc; HttpOnly\r\nSet-Cookie: theme=dark\r\n');
  });

  it('sends any other value as a 200 JSON body, and a function error as 500', async () => {
    expect(await call('/string')).toMatchObject({ status: 200, body: 'hello' });
    const list = (await (await fetch(`${api().url}/_console/api/invocations`)).json()) as {
      trigger: string;
    }[];
    expect(list[0]?.trigger).toBe('HTTP GET /string');
    expect(await call('/object')).toMatchObject({ status: 200, body: '{"greeting":"hi"}' });
    expect(await call('/throw')).toMatchObject({ status: 500, body: '{"message":"Internal Server Error"}' });
  });

  it('matches greedy routes after exact ones, and answers 404 Not Found for no route', async () => {
    expect((await echo('/files/a/b.txt', { method: 'DELETE' })).pathParameters).toEqual({ proxy: 'a/b.txt' });
    expect(await call('/nowhere')).toMatchObject({ status: 404, body: '{"message":"Not Found"}' });
  });

  it('sends payload 1.0 when the route asks for it', async () => {
    expect(await echo('/v1?x=1&x=2')).toEqual({
      version: '1.0',
      routeKey: 'GET /v1',
      path: '/v1',
      multi: { x: ['1', '2'] },
    });
  });

  it('serves a named stage under its prefix, with its stage variables', async () => {
    const event = await echo('/prod/open');
    expect(event).toMatchObject({ rawPath: '/prod/open', stageVariables: { color: 'blue' } });
    expect((event.requestContext as Record<string, unknown>).stage).toBe('prod');
  });

  it('answers the CORS preflight from CorsConfiguration, and adds the origin to responses', async () => {
    const preflight = await call('/prod/open', {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(preflight.headers.get('access-control-max-age')).toBe('600');
    const other = await call('/prod/open', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const get = await call('/prod/open', { headers: { Origin: 'https://app.example.com' } });
    expect(get.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
  });

  it('checks a JWT: with or without Bearer, iss, aud, exp, then the scopes; claims in the event as the service renders them', async () => {
    const now = Math.floor(Date.now() / 1000);
    const good = {
      iss: 'https://issuer.example.com',
      aud: 'my-client',
      exp: now + 600,
      iat: now - 10,
      scope: 'items/read profile',
    };
    const withToken = (claims: Record<string, unknown>, bearer = true): RequestInit => ({
      headers: { Authorization: `${bearer ? 'Bearer ' : ''}${jwt(claims)}` },
    });
    expect(await call('/prod/me')).toMatchObject({ status: 401, body: '{"message":"Unauthorized"}' });
    expect((await call('/prod/me', withToken({ ...good, iss: 'https://other' }))).status).toBe(401);
    expect((await call('/prod/me', withToken({ ...good, aud: 'someone-else' }))).status).toBe(401);
    expect((await call('/prod/me', withToken({ ...good, exp: now - 1 }))).status).toBe(401);
    expect((await call('/prod/me', withToken({ ...good, nbf: now + 600 }))).status).toBe(401);
    expect(await call('/prod/me', withToken({ ...good, scope: 'profile' }))).toMatchObject({
      status: 403,
      body: '{"message":"Forbidden"}',
    });
    const event = await echo(
      '/prod/me',
      withToken({ ...good, 'cognito:groups': ['admins', 'users'], email_verified: true }, false),
    );
    expect((event.requestContext as Record<string, unknown>).authorizer).toEqual({
      jwt: {
        claims: {
          iss: 'https://issuer.example.com',
          aud: 'my-client',
          exp: String(good.exp),
          iat: String(good.iat),
          scope: 'items/read profile',
          'cognito:groups': '[admins users]',
          email_verified: 'true',
        },
        scopes: ['items/read', 'profile'],
      },
    });
    expect(api().notices).toContainEqual({
      subject: 'JWT authorizers',
      text: expect.stringContaining('signatures cannot be verified offline'),
    });
  });

  it('runs a Lambda authorizer with simple responses; its context in authorizer.lambda', async () => {
    expect(await call('/prod/lambda')).toMatchObject({ status: 401, body: '{"message":"Unauthorized"}' });
    expect(await call('/prod/lambda', { headers: { 'x-key': 'wrong' } })).toMatchObject({
      status: 403,
      body: '{"message":"Forbidden"}',
    });
    const event = await echo('/prod/lambda', { headers: { 'x-key': 'open-sesame' } });
    expect((event.requestContext as Record<string, unknown>).authorizer).toEqual({
      lambda: { user: 'ann', routeArn: `${ARN}:prodhttpapi/prod/GET/lambda` },
    });
  });

  it('runs a Lambda authorizer with an IAM policy, caches it per identity, and applies it to other routes', async () => {
    const headers = { authorization: 'token-1' };
    const first = await echo('/prod/policy', { headers });
    const second = await echo('/prod/policy', { headers });
    const context = (event: Record<string, unknown>): unknown =>
      (event.requestContext as Record<string, unknown>).authorizer;
    expect(context(first)).toEqual({ lambda: { calls: expect.any(Number), principalId: 'policy-user' } });
    expect(context(second)).toEqual(context(first));
    // The cached policy allows GET /policy only.
    expect(await call('/prod/policy', { method: 'POST', headers })).toMatchObject({
      status: 403,
      body: '{"message":"Forbidden"}',
    });
  });

  it('serves the routes of an HTTP API defined by an OpenAPI DefinitionBody', async () => {
    expect((await echo('/body/from-body')).routeKey).toBe('GET /from-body');
  });

  it('base64-encodes a body whose Content-Type is not text, and passes text as it is', async () => {
    const binary = await echo('/files/upload', {
      method: 'PUT',
      body: Buffer.from([0, 1, 2, 255]),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(binary).toMatchObject({
      isBase64Encoded: true,
      body: Buffer.from([0, 1, 2, 255]).toString('base64'),
    });
    const text = await echo('/files/upload', {
      method: 'PUT',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(text).toMatchObject({ isBase64Encoded: false, body: '{"a":1}' });
  });

  it('serves a raw AWS::ApiGatewayV2::Api: its routes, then its $default route', async () => {
    expect(
      (
        await echo('/v2/orders', {
          method: 'POST',
          body: '{}',
          headers: { 'content-type': 'application/json' },
        })
      ).routeKey,
    ).toBe('POST /orders');
    expect((await echo('/v2/anything/else')).routeKey).toBe('$default');
  });
  it('sends payload 1.0 as HTTP APIs do: lower-case header names, the path as requested, binary bodies in base64', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    const raw = await rawExchange(
      api().url,
      Buffer.concat([
        Buffer.from(
          `POST /prod/v1/event HTTP/1.1\r\nHost: localhost\r\nX-Day: Monday\r\nContent-Type: image/png\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n`,
        ),
        bytes,
      ]),
    );
    const event = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)) as {
      path: string;
      headers: Record<string, string>;
      multiValueHeaders: Record<string, string[]>;
      body: string;
      isBase64Encoded: boolean;
      requestContext: { path: string; stage: string };
    };
    expect([event.path, event.requestContext.path, event.requestContext.stage]).toEqual([
      '/prod/v1/event',
      '/prod/v1/event',
      'prod',
    ]);
    expect(event.headers).toMatchObject({
      host: 'localhost',
      'x-day': 'Monday',
      'content-type': 'image/png',
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-proto': 'http',
      'x-forwarded-port': new URL(api().url).port,
    });
    expect(Object.keys(event.multiValueHeaders).every((name) => name === name.toLowerCase())).toBe(true);
    expect([event.body, event.isBase64Encoded]).toEqual([bytes.toString('base64'), true]);
  });
  it('gives a payload 1.0 Lambda authorizer the REST-like 1.0 input', async () => {
    const event = await echo('/prod/v1-authorized/42?tag=a&tag=b', { headers: { Authorization: 'token-1' } });
    const { lambda } = (event.requestContext as { authorizer: { lambda: { input: string } } }).authorizer;
    const input = JSON.parse(lambda.input) as Record<string, unknown>;
    expect(input).toMatchObject({
      version: '1.0',
      type: 'REQUEST',
      methodArn: `${ARN}:prodhttpapi/prod/GET/v1-authorized/42`,
      identitySource: 'token-1',
      authorizationToken: 'token-1',
      resource: '/v1-authorized/{id}',
      path: '/prod/v1-authorized/42',
      httpMethod: 'GET',
      queryStringParameters: { tag: 'b' },
      multiValueQueryStringParameters: { tag: ['a', 'b'] },
      pathParameters: { id: '42' },
      stageVariables: { color: 'blue' },
      requestContext: { httpMethod: 'GET', stage: 'prod', identity: { sourceIp: '127.0.0.1' } },
    });
    expect(input.headers).toMatchObject({ authorization: 'token-1' });
    expect(input.multiValueHeaders).toMatchObject({ authorization: ['token-1'] });
  });
  it('sends the path percent-decoded, as HTTP APIs do (REST APIs keep it encoded)', async () => {
    const event = (await echo('/files/a%20b%40c/%E2%9C%93%zz')) as {
      rawPath: string;
      requestContext: { http: { path: string } };
    };
    expect([event.rawPath, event.requestContext.http.path]).toEqual([
      '/files/a b@c/✓%zz',
      '/files/a b@c/✓%zz',
    ]);
  });
});

describe('an HTTP API quick-created with Target, and its limits', () => {
  const dir = tempDir('http-quick');
  const template = join(dir, 'template.yaml');
  writeFileSync(
    template,
    `Transform: AWS::Serverless-2016-10-31
Resources:
  ValuesFunction:
    Type: AWS::Serverless::Function
    Properties: { Runtime: nodejs22.x, Handler: values.handler, CodeUri: ${join(APP_TEMPLATE, '..', 'src')} }
  SlowFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: slow.handler
      Timeout: 3
      CodeUri: ${join(APP_TEMPLATE, '..', 'src')}
      Events:
        Slow: { Type: HttpApi, Properties: { Path: /slow, Method: GET } }
  QuickApi:
    Type: AWS::ApiGatewayV2::Api
    Properties: { Name: quick, ProtocolType: HTTP, Target: !GetAtt ValuesFunction.Arn }
`,
  );
  const api = serveDuringSuite(template, { apiTimeoutMs: 200 });

  it('sends every request to the Target function through its $default route', async () => {
    const response = await fetch(`${api().url}/string`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('hello');
  });

  it('answers 503 Service Unavailable when the integration runs past its timeout', async () => {
    const response = await fetch(`${api().url}/slow`);
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('{"message":"Service Unavailable"}');
  });
});
