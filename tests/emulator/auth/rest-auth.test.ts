import { join } from 'node:path';
import { serveDuringSuite } from '../../support/local-api';

const APP_TEMPLATE = join(__dirname, '..', '..', 'fixtures', 'apps', 'auth', 'template.yaml');
const ARN = 'arn:aws:execute-api:us-east-1:123456789012';

interface Reply {
  status: number;
  body: string;
  headers: Headers;
  json: { authorizer?: Record<string, unknown> | null; apiKey?: string | null; apiKeyId?: string | null };
}

/** A JWT with these claims and a signature no one checks offline. */
function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256' })}.${part(claims)}.c2lnbmF0dXJl`;
}

describe('REST authorizers and API keys', () => {
  const api = serveDuringSuite(APP_TEMPLATE);
  const call = async (path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> => {
    const response = await fetch(`${api().url}${path}`, { method, headers });
    const body = await response.text();
    return {
      status: response.status,
      body,
      headers: response.headers,
      json: response.ok ? (JSON.parse(body) as Reply['json']) : {},
    };
  };

  it('answers 401 without calling the authorizer when the identity source is missing or empty', async () => {
    const missing = await call('/dev/token');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
    // The trap's authorizer lets everything in: only a request it never saw can be refused.
    expect((await call('/dev/trap')).status).toBe(401);
    expect((await call('/dev/trap', { 'x-trap': '' })).status).toBe(401);
    expect((await call('/dev/trap', { 'x-trap': 'anything' })).status).toBe(200);
  });

  it('says at start-up only the generated key and the unverified Cognito signature', () => {
    expect(
      api()
        .notices.filter((notice) => notice.subject !== 'functions')
        .map((notice) => notice.subject),
    ).toEqual(['DefaultsApiApiKey', 'SecureApi']);
  });

  it("applies the API's GatewayResponses to UNAUTHORIZED: status, headers and template", async () => {
    const { status, body, headers } = await call('/dev/token');
    expect(status).toBe(401);
    expect(headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(JSON.parse(body)).toEqual({
      error: 'Unauthorized',
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('refuses a token that fails the ValidationExpression without calling the authorizer', async () => {
    expect((await call('/dev/token', { Authorization: 'Not Valid!' })).status).toBe(401);
  });

  it('gives the TOKEN authorizer its token and methodArn, and the function its principalId and context, values as strings', async () => {
    const { status, json } = await call('/dev/token', { Authorization: 'alice' });
    expect(status).toBe(200);
    expect(json.authorizer).toEqual({
      principalId: 'user-alice',
      integrationLatency: 0,
      calls: expect.stringMatching(/^\d+$/),
      admin: 'true',
      type: 'TOKEN',
      methodArn: `${ARN}:secureapi/dev/GET/token`,
      tenant: '',
    });
  });

  it('gives a REQUEST authorizer the request, and checks each of its identity sources', async () => {
    expect((await call('/dev/request?tenant=acme')).status).toBe(401);
    expect((await call('/dev/request', { 'x-user': 'bob' })).status).toBe(401);
    const { status, json } = await call('/dev/request?tenant=acme', { 'x-user': 'bob' });
    expect(status).toBe(200);
    expect(json.authorizer).toMatchObject({ principalId: 'user-bob', type: 'REQUEST', tenant: 'acme' });
  });

  it('reads identity sources from stage variables and the request context too', async () => {
    const { status, json } = await call('/dev/stage-variable');
    expect(status).toBe(200);
    expect(json.authorizer).toMatchObject({ type: 'REQUEST' });
    expect((await call('/dev/missing-stage-variable')).status).toBe(401);
  });

  it('answers the documented 403s for an explicit Deny and for no Allow, 401 for Unauthorized, 500 otherwise', async () => {
    const denied = await call('/dev/token', { Authorization: 'deny' });
    expect(denied.status).toBe(403);
    expect(JSON.parse(denied.body)).toEqual({
      Message: 'User is not authorized to access this resource with an explicit deny',
    });
    expect((await call('/dev/token', { Authorization: 'unauthorized' })).status).toBe(401);
    const failed = await call('/dev/token', { Authorization: 'boom' });
    expect(failed.status).toBe(500);
    expect(failed.body).toBe('{"message":null}');
    expect(failed.headers.get('x-amzn-errortype')).toBe('AuthorizerConfigurationException');
    expect((await call('/dev/token', { Authorization: 'malformed' })).status).toBe(500);
  });

  it('caches an answer per identity for the TTL, and applies its policy to other methods', async () => {
    const first = await call('/dev/token', { Authorization: 'cache-me' });
    const second = await call('/dev/token', { Authorization: 'cache-me' });
    expect(second.json.authorizer?.calls).toBe(first.json.authorizer?.calls);
    // The policy the authorizer gave for GET /token alone is reused for POST /token: not allowed.
    expect((await call('/dev/token', { Authorization: 'allow-exact' })).status).toBe(200);
    const post = await call('/dev/token', { Authorization: 'allow-exact' }, 'POST');
    expect(post.status).toBe(403);
    expect(JSON.parse(post.body)).toEqual({ Message: 'User is not authorized to access this resource' });
  });

  it('calls the authorizer every time when its TTL is 0', async () => {
    const first = await call('/dev/nocache', { Authorization: 'fresh' });
    const second = await call('/dev/nocache', { Authorization: 'fresh' });
    expect(Number(second.json.authorizer?.calls)).toBeGreaterThan(Number(first.json.authorizer?.calls));
  });

  it('serves a method with Authorizer: NONE unchecked', async () => {
    expect((await call('/dev/open')).status).toBe(200);
  });

  it('answers the CORS preflight without the authorizer when AddDefaultAuthorizerToCorsPreflight is false', async () => {
    const preflight = await call(
      '/dev/token',
      { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'GET' },
      'OPTIONS',
    );
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
  });

  it("lets in only an enabled key of one of the stage's usage plans, and names it in the event", async () => {
    const attempts: Record<string, string>[] = [
      {},
      { 'x-api-key': 'wrong' },
      { 'x-api-key': 'disabled-key-0123456789abcdef' },
    ];
    for (const headers of attempts) {
      const refused = await call('/dev/keyed', headers);
      expect(refused.status).toBe(403);
      expect(refused.body).toBe('{"message":"Forbidden"}');
    }
    const { status, json } = await call('/dev/keyed', { 'x-api-key': 'test-key-0123456789abcdef' });
    expect(status).toBe(200);
    expect(json).toMatchObject({ apiKey: 'test-key-0123456789abcdef', apiKeyId: 'KnownKey' });
  });

  it("puts a Cognito token's claims in the event, refuses it once expired, and says the signature is not checked", async () => {
    const claims = { sub: 'u-1', email: 'ada@example.com', exp: Math.floor(Date.now() / 1000) + 600 };
    const { status, json } = await call('/dev/cognito', { Authorization: jwt(claims) });
    expect(status).toBe(200);
    expect(json.authorizer).toEqual({
      claims: { sub: 'u-1', email: 'ada@example.com', exp: String(claims.exp) },
    });
    const expired = await call('/dev/cognito', { Authorization: jwt({ ...claims, exp: 1 }) });
    expect(expired.status).toBe(401);
    expect((await call('/dev/cognito')).status).toBe(401);
    expect(api().notices).toContainEqual({
      subject: 'SecureApi',
      text: expect.stringContaining('signature cannot be verified offline'),
    });
  });

  it("guards the CORS preflight with the default authorizer and the API key by SAM's default, with a generated key said at start-up", async () => {
    const preflight = { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'GET' };
    expect((await call('/defaults/guarded', preflight, 'OPTIONS')).status).toBe(401);
    expect((await call('/defaults/guarded', { Authorization: 'alice' })).status).toBe(403);
    const said = api().notices.find((notice) => notice.subject === 'DefaultsApiApiKey')?.text ?? '';
    const key = /locally it is (\S+) /.exec(said)?.[1] ?? 'none';
    const { status, json } = await call('/defaults/guarded', { Authorization: 'alice', 'x-api-key': key });
    expect(status).toBe(200);
    expect(json.apiKeyId).toBe('DefaultsApiApiKey');
    expect(
      (await call('/defaults/guarded', { ...preflight, Authorization: 'alice', 'x-api-key': key }, 'OPTIONS'))
        .status,
    ).toBe(200);
  });

  it('runs a raw AWS::ApiGateway::Authorizer from its IdentitySource', async () => {
    expect((await call('/live/raw')).status).toBe(401);
    const { status, json } = await call('/live/raw', { 'X-Token': 'carol' });
    expect(status).toBe(200);
    expect(json.authorizer).toMatchObject({
      principalId: 'user-carol',
      methodArn: `${ARN}:rawapi/live/GET/raw`,
    });
  });
});

describe('the console, for a request guarded by an authorizer', () => {
  const api = serveDuringSuite(APP_TEMPLATE);

  interface Listed {
    id: string;
    trigger: string;
    status: number;
  }
  const latest = async (): Promise<Record<string, unknown>> => {
    const list = (await (await fetch(`${api().url}/_console/api/invocations`)).json()) as Listed[];
    const [newest] = list;
    if (newest === undefined) throw new Error('no invocation recorded');
    return (await (await fetch(`${api().url}/_console/api/invocations/${newest.id}`)).json()) as Record<
      string,
      unknown
    >;
  };

  it('shows a refused request: the authorizer, its input and answer, and the statement that denied it', async () => {
    await fetch(`${api().url}/dev/token`, { headers: { Authorization: 'deny' } });
    const record = await latest();
    expect(record).toMatchObject({
      trigger: 'SecureApi GET /token',
      status: 403,
      functionId: 'ProtectedFunction',
    });
    expect(record.authorization).toEqual({
      authorizer: 'TokenAuth (TOKEN, AuthorizerFunction)',
      input: { type: 'TOKEN', authorizationToken: 'deny', methodArn: `${ARN}:secureapi/dev/GET/token` },
      answer: expect.objectContaining({ principalId: 'user-deny' }),
      cached: false,
      decision: `403: statement 0 of the policy denies ${ARN}:secureapi/dev/GET/token`,
    });
  });

  it('says when the answer came from the cache, and which statement allowed the method', async () => {
    await fetch(`${api().url}/dev/token`, { headers: { Authorization: 'console-cache' } });
    await fetch(`${api().url}/dev/token`, { headers: { Authorization: 'console-cache' } });
    const { authorization } = (await latest()) as { authorization: Record<string, unknown> };
    expect(authorization).toMatchObject({
      cached: true,
      input: null,
      decision: `allowed: statement 0 of the policy allows ${ARN}:secureapi/dev/GET/token`,
    });
  });

  it('says why the authorizer was not called', async () => {
    await fetch(`${api().url}/dev/token`);
    const { authorization } = (await latest()) as { authorization: Record<string, unknown> };
    expect(authorization.decision).toBe(
      '401: the identity source header Authorization is missing or empty; the authorizer was not called',
    );
  });
});
