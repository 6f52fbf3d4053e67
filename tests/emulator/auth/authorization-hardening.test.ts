import { serveDuringSuite, templateFile } from '../../support/local-api';

jest.setTimeout(30_000);

const allowOrDeny = (effect: 'Allow' | 'Deny'): string =>
  `"exports.handler = async () => ({ principalId: 'user', policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: '${effect}', Resource: '*' }] } });"`;

// Two APIs whose authorizers share a name (one lets every token in, one none), a REQUEST authorizer
// keyed by two query values, one that answers the policy a request carries, a JWT-guarded HTTP API,
// and functions that signal processes.
const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function: { Runtime: nodejs22.x, Handler: index.handler }
Resources:
  OpenApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: open
      Auth:
        DefaultAuthorizer: Gate
        Authorizers:
          Gate:
            FunctionArn: !GetAtt AllowAll.Arn
            Identity: { Header: Authorization, ReauthorizeEvery: 300 }
          PairGate:
            FunctionArn: !GetAtt PairAuthorizer.Arn
            FunctionPayloadType: REQUEST
            Identity: { QueryStrings: [a, b], ReauthorizeEvery: 300 }
          PolicyGate:
            FunctionArn: !GetAtt PolicyAuthorizer.Arn
            FunctionPayloadType: REQUEST
            Identity: { QueryStrings: [policy], ReauthorizeEvery: 0 }
  StrictApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: strict
      Auth:
        DefaultAuthorizer: Gate
        Authorizers:
          Gate:
            FunctionArn: !GetAtt DenyAll.Arn
            Identity: { Header: Authorization, ReauthorizeEvery: 300 }
  JwtApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        DefaultAuthorizer: Jwt
        Authorizers:
          Jwt:
            JwtConfiguration: { issuer: https://issuer.example.com, audience: [app] }
            IdentitySource: $request.header.Authorization
  AllowAll:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: ${allowOrDeny('Allow')}
  DenyAll:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: ${allowOrDeny('Deny')}
  PairAuthorizer:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: "exports.handler = async (event) => { const q = event.queryStringParameters; return { principalId: 'user', policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: q.a === 'alice' && q.b === 'x\\\\u0000y' ? 'Allow' : 'Deny', Resource: '*' }] } }; };"
  PolicyAuthorizer:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: "exports.handler = async (event) => ({ principalId: 'user', policyDocument: { Version: '2012-10-17', Statement: JSON.parse(event.queryStringParameters.policy) } });"
  Hello:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: "exports.handler = async () => ({ statusCode: 200, body: 'hello' });"
      Events:
        Open: { Type: Api, Properties: { RestApiId: !Ref OpenApi, Path: /hello, Method: GET } }
        Strict: { Type: Api, Properties: { RestApiId: !Ref StrictApi, Path: /hello, Method: GET } }
        Pair: { Type: Api, Properties: { RestApiId: !Ref OpenApi, Path: /pair, Method: GET, Auth: { Authorizer: PairGate } } }
        Policy: { Type: Api, Properties: { RestApiId: !Ref OpenApi, Path: '/policy/{proxy+}', Method: ANY, Auth: { Authorizer: PolicyGate } } }
        Jwt: { Type: HttpApi, Properties: { ApiId: !Ref JwtApi, Path: /jwt, Method: GET } }
  Signals:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: "exports.handler = async (event) => { const target = event.queryStringParameters.target; if (target === 'exit') process.exit(3); if (target === 'env') { process.env.PATH = ''; return { statusCode: 200, body: 'changed' }; } try { process.kill(target === 'self' ? process.pid : target === 'parent' ? process.ppid : -process.pid, 'SIGTERM'); } catch (error) { return { statusCode: 200, body: error.code }; } return { statusCode: 200, body: 'still running' }; };"
      Events:
        Kill: { Type: Api, Properties: { RestApiId: !Ref OpenApi, Path: /kill, Method: GET, Auth: { Authorizer: NONE } } }
`;

const DENY_MESSAGE = '{"Message":"User is not authorized to access this resource with an explicit deny"}';
const NO_ALLOW_MESSAGE = '{"Message":"User is not authorized to access this resource"}';

function jwt(header: Record<string, unknown>, signature: string, parts = 3): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = { iss: 'https://issuer.example.com', aud: 'app', exp: Math.floor(Date.now() / 1000) + 600 };
  return [encode(header), encode(claims), signature].slice(0, parts).join('.');
}

describe('authorization that cannot be confused', () => {
  const api = serveDuringSuite(templateFile('hardening', TEMPLATE), { typeCheck: false });

  const get = async (path: string, headers: Record<string, string> = {}): Promise<[number, string]> => {
    const response = await fetch(`${api().url}${path}`, { headers });
    return [response.status, await response.text()];
  };
  const withPolicy = (path: string, statements: unknown[], method = 'GET'): Promise<Response> =>
    fetch(`${api().url}/open/policy${path}?policy=${encodeURIComponent(JSON.stringify(statements))}`, {
      method,
    });

  it("keeps each API's authorizer answers apart, though their authorizers share a name", async () => {
    const token = { Authorization: 'same-token' };
    expect(await get('/open/hello', token)).toEqual([200, 'hello']);
    expect(await get('/strict/hello', token)).toEqual([403, DENY_MESSAGE]);
    expect(await get('/open/hello', token)).toEqual([200, 'hello']);
  });

  it('never lets two different identities share a cached answer', async () => {
    expect(await get('/open/pair?a=alice&b=x%00y')).toEqual([200, 'hello']);
    expect(await get('/open/pair?a=alice%00x&b=y')).toEqual([403, DENY_MESSAGE]);
  });

  it('evaluates NotAction, NotResource and action names without regard to case, as IAM does', async () => {
    const cases: [unknown[], string, number][] = [
      [[{ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }], 'GET', 200],
      [[{ Effect: 'Allow', NotAction: 'execute-api:*', Resource: '*' }], 'GET', 403],
      [[{ Effect: 'Allow', Action: 'EXECUTE-API:INVOKE', Resource: '*' }], 'GET', 200],
      [
        [
          {
            Effect: 'Allow',
            Action: 'execute-api:Invoke',
            NotResource: 'arn:aws:execute-api:*:*:*/open/DELETE/*',
          },
        ],
        'GET',
        200,
      ],
      [
        [
          {
            Effect: 'Allow',
            Action: 'execute-api:Invoke',
            NotResource: 'arn:aws:execute-api:*:*:*/open/DELETE/*',
          },
        ],
        'DELETE',
        403,
      ],
    ];
    for (const [statements, method, status] of cases) {
      const response = await withPolicy('/a', statements, method);
      expect([JSON.stringify(statements), method, response.status]).toEqual([
        JSON.stringify(statements),
        method,
        status,
      ]);
      expect(await response.text()).toBe(status === 200 ? 'hello' : NO_ALLOW_MESSAGE);
    }
  });

  it('treats a Condition it cannot evaluate as never allowing and always denying, and says so once per authorizer', async () => {
    const condition = { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } };
    const allowIf = [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*', Condition: condition }];
    const response = await withPolicy('/b', allowIf);
    expect([response.status, await response.text()]).toEqual([403, NO_ALLOW_MESSAGE]);
    const denyIf = [
      { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' },
      { Effect: 'Deny', Action: 'execute-api:Invoke', Resource: '*', Condition: condition },
    ];
    const denied = await withPolicy('/c', denyIf);
    expect([denied.status, await denied.text()]).toEqual([403, DENY_MESSAGE]);
    const noted = api().lines.filter((line) => line.includes('has a Condition, not evaluated locally'));
    expect(noted).toHaveLength(1);
    expect(noted[0]).toMatch(/^GET \/open\/policy\/b\?policy=\S+ 403 \d+ ms/);
  });

  it('matches wildcards in one pass: a pathological pattern against a 200-segment path answers, and the server with it', async () => {
    const statements = [
      { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' },
      {
        Effect: 'Deny',
        Action: 'execute-api:Invoke',
        Resource: 'arn:aws:execute-api:*:*:*/*/*/*/*/*/*/*/*/*/*/*/*/*/DELETE',
      },
    ];
    const path = '/a'.repeat(200);
    const [response, other] = await Promise.all([
      withPolicy(path, statements),
      get('/open/kill?target=parent'),
    ]);
    expect([response.status, await response.text()]).toEqual([200, 'hello']);
    expect(other).toEqual([200, 'ESRCH']);
  });

  it('refuses JWTs no signature check could pass: alg none, an empty signature, two parts, an unreadable header', async () => {
    const good = jwt({ alg: 'RS256', kid: 'k' }, 'c2lnbmF0dXJl');
    expect(await get('/jwt', { Authorization: `Bearer ${good}` })).toEqual([200, 'hello']);
    const refused = [
      jwt({ alg: 'none' }, ''),
      jwt({ alg: 'none' }, 'c2lnbmF0dXJl'),
      jwt({ alg: 'RS256' }, ''),
      jwt({ alg: 'RS256' }, 'c2lnbmF0dXJl', 2),
      `bm90IGpzb24.${good.split('.')[1] ?? ''}.c2lnbmF0dXJl`,
    ];
    for (const token of refused) {
      const [status, body] = await get('/jwt', { Authorization: `Bearer ${token}` });
      expect([token, status, body]).toEqual([token, 401, '{"message":"Unauthorized"}']);
    }
  });
});

describe('a function that signals its own process', () => {
  const api = serveDuringSuite(templateFile('signals', TEMPLATE), { typeCheck: false });

  it('ends its own instance (502, as a Runtime.ExitError), never the server; its process group and parent are out of reach', async () => {
    const kill = async (target: string): Promise<[number, string]> => {
      const response = await fetch(`${api().url}/open/kill?target=${target}`);
      return [response.status, await response.text()];
    };
    expect(await kill('group')).toEqual([200, 'ESRCH']);
    expect(await kill('parent')).toEqual([200, 'ESRCH']);
    expect(await kill('self')).toEqual([502, '{"message":"Internal server error"}']);
    expect(await kill('exit')).toEqual([502, '{"message":"Internal server error"}']);
    // Its own process.env is its own: the server's and the other functions' are untouched.
    const path = process.env.PATH;
    expect(await kill('env')).toEqual([200, 'changed']);
    expect(process.env.PATH).toBe(path);
    expect(api().lines.some((line) => line.includes('Runtime.ExitError'))).toBe(true);
    // The server, and the function itself on a new instance, serve on.
    expect(await kill('parent')).toEqual([200, 'ESRCH']);
  });
});
