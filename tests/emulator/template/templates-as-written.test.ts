import { cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, rawRequest, serveDuringSuite, startApi } from '../../support/local-api';
import { sigV4Headers } from '../../support/sigv4';
import { tempDir } from '../../support/temp-dirs';

const APP = join(__dirname, '..', '..', 'fixtures', 'apps', 'template-reading');
const TEMPLATE = join(APP, 'template.yaml');
const ECHO = join(APP, 'echo');
const LOCAL_ARN = 'arn:aws:lambda:us-east-1:123456789012:function';

/** A JWT with these claims and a signature no one checks offline. */
function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256' })}.${part({ exp: Math.floor(Date.now() / 1000) + 600, ...claims })}.c2ln`;
}

interface Echo {
  variables: Record<string, string>;
  memoryLimitInMB: string;
  functionName: string;
  cwd: string;
  taskRoot: string;
  data: unknown;
  path: string;
}

async function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const response = await fetch(url, { headers });
  return { status: response.status, body: await response.text() };
}

async function echo(url: string): Promise<Echo> {
  const { status, body } = await get(url);
  expect(status).toBe(200);
  return JSON.parse(body) as Echo;
}

describe('a template read as SAM CLI reads it, with its parameters at their defaults', () => {
  const api = serveDuringSuite(TEMPLATE);

  it('gives functions variables from parameters, mappings, conditions and intrinsics, and leaves out what only a stack knows', async () => {
    const answer = await echo(`${api().url}/echo`);
    expect(answer.variables).toEqual({
      STAGE: 'dev',
      GREETING: 'Hello',
      SITE: 'https://us-east-1.amazonaws.com/dev',
      JOINED: 'dev-beta',
      LOG_LEVEL: 'DEBUG',
      SELF_ARN: `${LOCAL_ARN}:EchoFunction`,
      TABLE_NAME: 'Table',
    });
    expect(api().notices).toContainEqual({
      subject: 'EchoFunction',
      text: 'Environment.Variables.TABLE_ARN: !GetAtt Table.Arn cannot be resolved locally (its value exists only in a deployed stack)',
    });
  });

  it('reads a duplicate key as PyYAML does, the last one winning, and says where it is', async () => {
    expect((await echo(`${api().url}/echo`)).memoryLimitInMB).toBe('256');
    expect(api().notices).toContainEqual({
      subject: `${TEMPLATE}:45:7`,
      text: 'duplicate key MemorySize: the last one is used, as SAM CLI reads it (cfn-lint reports it as E0000)',
    });
  });

  it('leaves out a resource whose Condition is false, with its routes', async () => {
    const paths = api().apis.flatMap((rest) => rest.routes.map((route) => route.resourcePath));
    expect(paths).not.toContain('/prod-only');
    expect(await get(`${api().url}/prod-only`)).toEqual({ status: 404, body: '{"message":"Not Found"}' });
  });

  it('runs a function in a copy of its code folder, as Lambda runs it in /var/task, so relative paths read its files', async () => {
    const answer = await echo(`${api().url}/echo`);
    expect(answer.cwd).toBe(answer.taskRoot);
    expect(answer.taskRoot).not.toBe(ECHO);
    expect(readdirSync(answer.taskRoot).sort()).toEqual(readdirSync(ECHO).sort());
    expect(answer.data).toEqual({ from: 'echo/data.json' });
  });

  it('runs a CodeUri that names one file with that file alone, as the package step zips it', async () => {
    expect(JSON.parse((await get(`${api().url}/single`)).body)).toEqual({
      files: ['handler.js'],
      sibling: false,
    });
  });

  it('finds the function an integration names in every ARN form: by Ref in a URI, FunctionName with an alias, Fn.Alias', async () => {
    const quick = await echo(`${api().url}/quick`);
    expect([quick.functionName, quick.path]).toEqual(['EchoFunction', '/quick']);
    expect((await echo(`${api().url}/joined`)).functionName).toBe('NamedFunction');
    expect((await echo(`${api().url}/alias`)).functionName).toBe('NamedFunction');
  });

  it('refuses every token when the JWT issuer is a parameter without a value, and says why', async () => {
    const token = jwt({ iss: 'https://anything.example.com', aud: 'greeting-app', scope: 'dev/read' });
    expect(await get(`${api().url}/dev/secure`, { authorization: token })).toEqual({
      status: 401,
      body: '{"message":"Unauthorized"}',
    });
    expect(api().notices).toContainEqual({
      subject: 'SecureHttpApi',
      text: 'Auth.Authorizers.Jwt.JwtConfiguration.issuer: !Sub https://${Issuer} (!Ref Issuer) cannot be resolved locally (parameter Issuer has no Default: give it with --parameter-overrides Issuer=...)',
    });
  });

  it('refuses an unsigned request to an AWS_IAM method as API Gateway does, and notes on the access line what it cannot check', async () => {
    const unsigned = await rawRequest(`${api().url}/dev/iam`);
    expect(unsigned.status).toBe(403);
    expect(unsigned.body.toString()).toBe('{"message":"Missing Authentication Token"}');
    const signed = await get(`${api().url}/dev/iam`, await sigV4Headers(`${api().url}/dev/iam`));
    expect(signed.status).toBe(200);
    expect(api().lines).toContainEqual(
      expect.stringMatching(
        /^GET \/dev\/iam 200 \d+ ms [0-9a-f-]{36} {2}\(AWS_IAM: the caller's execute-api:Invoke permission is not checked locally\)$/,
      ),
    );
  });

  it('names each part that changes who may call and is not emulated, with its logical id', () => {
    expect(api().notices).toEqual(
      expect.arrayContaining([
        {
          subject: 'IamApi',
          text: "AWS_IAM: signatures are checked as AWS checks them, against the developer's AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the local test/test keys; the caller's execute-api:Invoke permission is not checked",
        },
        {
          subject: 'IamApi',
          text: "its resource policy is evaluated for the source IP, the signed caller's account and VPC endpoints (a local request comes through none); a Condition on any other key never allows and always denies",
        },
        {
          subject: 'ConnectRoute',
          text: 'route $connect: AWS service integration (arn:aws:apigateway:us-east-1:dynamodb:action/PutItem) sent SigV4-signed to the endpoint AWS_ENDPOINT_URL_<SERVICE> or AWS_ENDPOINT_URL names, else to AWS with the credentials in the environment',
        },
      ]),
    );
  });

  it('ends a function that uses more than its MemorySize, as Lambda does: 502, and the server serves on', async () => {
    expect(await get(`${api().url}/hog`)).toEqual({
      status: 502,
      body: '{"message":"Internal server error"}',
    });
    expect(api().lines.join('\n')).toContain(
      'Runtime.OutOfMemory: Runtime exited with error: the function ran out of memory (MemorySize 128 MB)',
    );
    expect((await echo(`${api().url}/echo`)).functionName).toBe('EchoFunction');
  });

  it('answers an AWS SDK v2-style call (https to an AWS host) at once with NoLocalAwsAccess when there are no credentials', async () => {
    const answer = JSON.parse((await get(`${api().url}/sdk-v2`)).body) as {
      status: number;
      body: { __type: string };
      fast: boolean;
    };
    expect([answer.status, answer.body.__type, answer.fast]).toEqual([403, 'NoLocalAwsAccess', true]);
  });

  it('serves on when one function cannot be built: its route answers 502, and the terminal says why and how to fix it', async () => {
    expect(await get(`${api().url}/unbuilt`)).toEqual({
      status: 502,
      body: '{"message":"Internal server error"}',
    });
    const fix = `npm install --prefix ${join('tests', 'fixtures', 'apps', 'template-reading', 'unbuilt')}`;
    expect(api().notices).toContainEqual({
      subject: 'UnbuiltFunction',
      text: `not built, so its invocations fail (502) until a save builds it: app.js:2: Could not resolve "greeting-words"; fix: ${fix}`,
    });
    expect(api().lines).toContain(
      `  Emulator.NotBuilt: UnbuiltFunction could not be built: app.js:2: Could not resolve "greeting-words" (fix: ${fix})`,
    );
  });
});

describe('the same template with --parameter-overrides', () => {
  const api = serveDuringSuite(TEMPLATE, { parameterOverrides: ['Stage=prod Issuer=auth.example.com'] });

  it('decides conditions, mappings and Fn::If by the overrides', async () => {
    const prodOnly = await echo(`${api().url}/prod-only`);
    expect([prodOnly.functionName, prodOnly.variables]).toEqual(['ProdOnlyFunction', { STAGE: 'prod' }]);
    expect((await echo(`${api().url}/echo`)).variables).toEqual({
      STAGE: 'prod',
      GREETING: 'Good day',
      SITE: 'https://us-east-1.amazonaws.com/prod',
      JOINED: 'prod-beta',
      LOG_LEVEL: 'WARN',
      PROD_ONLY: 'yes',
      SELF_ARN: `${LOCAL_ARN}:EchoFunction`,
      TABLE_NAME: 'Table',
    });
  });

  it('checks the JWT issuer, audience list and scope the parameters give', async () => {
    const url = `${api().url}/prod/secure`;
    const claims = { iss: 'https://auth.example.com', aud: 'other-app', scope: 'prod/read' };
    expect((await get(url, { authorization: jwt(claims) })).status).toBe(200);
    expect(await get(url, { authorization: jwt({ ...claims, scope: 'dev/read' }) })).toEqual({
      status: 403,
      body: '{"message":"Forbidden"}',
    });
    expect((await get(url, { authorization: jwt({ ...claims, aud: 'someone-else' }) })).status).toBe(401);
    expect(
      (await get(url, { authorization: jwt({ ...claims, iss: 'https://evil.example.com' }) })).status,
    ).toBe(401);
    expect(api().notices.map((notice) => notice.subject)).not.toContain('SecureHttpApi');
  });
});

describe('a function that could not be built', () => {
  it('is built by the change that fixes it, and then answers', async () => {
    const app = join(tempDir('unbuilt-app'), 'app');
    cpSync(APP, app, { recursive: true });
    const api = await startApi(join(app, 'template.yaml'), { watch: true });
    try {
      expect((await get(`${api.url}/unbuilt`)).status).toBe(502);
      // What `npm install` in its folder would put there.
      const installed = join(app, 'unbuilt', 'node_modules', 'greeting-words');
      mkdirSync(installed, { recursive: true });
      writeFileSync(join(installed, 'package.json'), '{ "name": "greeting-words", "main": "index.js" }');
      writeFileSync(join(installed, 'index.js'), "exports.words = ['hello', 'hola'];");
      await eventually(async () => (await get(`${api.url}/unbuilt`)).status === 200);
      expect(JSON.parse((await get(`${api.url}/unbuilt`)).body)).toEqual({ words: ['hello', 'hola'] });
      expect(api.lines).toContain(
        'UnbuiltFunction rebuilt after a change: the next request runs the new code',
      );
    } finally {
      await api.close();
    }
  });
});
