import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, serveDuringSuite, startApi } from '../../support/local-api';
import { tempDir } from '../../support/temp-dirs';

jest.setTimeout(60_000);

const APP_TEMPLATE = join(__dirname, '..', '..', 'fixtures', 'apps', 'functions', 'template.yaml');

describe('functions as users write them', () => {
  const api = serveDuringSuite(APP_TEMPLATE);

  const get = async (path: string): Promise<{ status: number; body: string }> => {
    const response = await fetch(`${api().url}${path}`);
    return { status: response.status, body: await response.text() };
  };
  /** The log lines printed under the access line of the last request to `path`. */
  const linesAfter = (path: string): string[] => {
    const { lines } = api();
    const at = lines.findLastIndex((line) => line.startsWith(`GET ${path} `));
    const next = lines.findIndex((line, index) => index > at && !line.startsWith('  '));
    return lines.slice(at + 1, next < 0 ? undefined : next).flatMap((line) => line.split('\n'));
  };

  it('runs CommonJS from CodeUri, its Handler in a sub-folder, with files beside it', async () => {
    expect(await get('/cjs')).toEqual({ status: 200, body: '{"items":["apple","pear"],"module":"object"}' });
  });

  it('runs a .js ES module under "type": "module", with its own node_modules and import.meta.url', async () => {
    expect(await get('/esm')).toEqual({
      status: 200,
      body: 'hello from esm and a wave from its own node_modules',
    });
  });

  it('runs an .mjs handler as an ES module', async () => {
    expect(await get('/mjs')).toEqual({ status: 200, body: 'mjs undefined' });
  });

  it('completes a callback handler on nodejs20.x', async () => {
    expect(await get('/callback20')).toEqual({ status: 200, body: 'callback on AWS_Lambda_nodejs20.x' });
  });

  it('refuses a callback handler on nodejs24.x at init: 502, the error in the terminal', async () => {
    expect(await get('/callback24')).toEqual({ status: 502, body: '{"message":"Internal server error"}' });
    expect(linesAfter('/callback24')[0]).toMatch(
      /^ {2}Runtime\.CallbackHandlerDeprecated: ERROR: AWS Lambda has removed support for callback-based function handlers/,
    );
    expect(api().notices).toContainEqual({
      subject: 'CallbackOn24Function',
      text: expect.stringContaining('init failed, so every invocation fails (502)'),
    });
  });

  it('completes with context.succeed up to nodejs22.x; nodejs24.x has no such method', async () => {
    expect(await get('/succeed')).toEqual({ status: 200, body: 'succeeded' });
    expect(await get('/succeed24')).toEqual({ status: 502, body: '{"message":"Internal server error"}' });
    expect(linesAfter('/succeed24')[0]).toMatch(/^ {2}TypeError: context\.succeed is not a function/);
  });

  it('answers null for a plain return that never calls back, as Node.js 22 does (API Gateway: 502)', async () => {
    expect(await get('/sync-return')).toEqual({ status: 502, body: '{"message":"Internal server error"}' });
    expect(linesAfter('/sync-return')).toContain(
      '  Malformed Lambda proxy response: the result is null, not an object',
    );
  });

  it('gives the layers a function lists to it alone, from CommonJS and ES modules', async () => {
    expect(await get('/layer')).toEqual({ status: 200, body: 'FROM THE LAYER!' });
    expect(await get('/layer-esm')).toEqual({ status: 200, body: 'ESM FROM THE LAYER!' });
    expect(await get('/no-layer')).toEqual({ status: 502, body: '{"message":"Internal server error"}' });
    expect(linesAfter('/no-layer')[0]).toBe(
      "  Runtime.ImportModuleError: Error: Cannot find module 'shout-lib'",
    );
    expect(api().notices).toContainEqual({
      subject: 'NoLayerFunction',
      text: 'layer arn:aws:lambda:us-east-1:123456789012:layer:remote-lib:3 is in AWS, not on this machine: its modules are missing locally',
    });
  });

  it("gives the runtime's AWS SDK to functions that do not declare it, whose calls fail locally without credentials", async () => {
    for (const path of ['/sdk', '/sdk-esm']) {
      const { status, body } = await get(path);
      expect(status).toBe(500);
      expect(JSON.parse(body)).toMatchObject({
        name: 'NoLocalAwsAccess',
        message: expect.stringContaining('set AWS_PROFILE'),
      });
    }
  });

  it('names the SDK package to install when the project does not have it', async () => {
    expect((await get('/missing-sdk')).status).toBe(502);
    expect(linesAfter('/missing-sdk')[0]).toBe(
      "  Runtime.ImportModuleError: Error: Cannot find module '@aws-sdk/client-sqs' (Lambda's Node.js runtime includes @aws-sdk/client-sqs; to run it locally, install it in the project: npm install --save-dev @aws-sdk/client-sqs)",
    );
  });

  it("sets sam local's variables and a fresh trace id per invocation, and keeps what stdout and stderr get", async () => {
    const first = JSON.parse((await get('/env')).body) as Record<string, string | null>;
    const second = JSON.parse((await get('/env')).body) as Record<string, string | null>;
    expect(first).toMatchObject({
      AWS_SAM_LOCAL: 'true',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_LAMBDA_FUNCTION_NAME: 'EnvironmentFunction',
      TABLE_ARN: null,
    });
    expect(first.traceId).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=1$/);
    expect(second.traceId).not.toBe(first.traceId);
    expect(linesAfter('/env')).toEqual(['  written to stdout', '  written to stderr']);
  });

  it('runs InlineCode, and an esbuild-built Handler in folders', async () => {
    expect(await get('/inline')).toEqual({ status: 200, body: 'inline' });
    expect(await get('/built-nested')).toEqual({ status: 200, body: 'built from src/handlers/items.ts' });
  });

  it('says that a TypeScript Handler needs a build method', async () => {
    expect((await get('/unbuilt')).status).toBe(502);
    expect(linesAfter('/unbuilt')[0]).toContain('items.ts is TypeScript, which Lambda does not run');
  });

  it("says once when this machine's Node.js is older than a function's runtime", () => {
    const hostMajor = Number(process.versions.node.split('.')[0]);
    const said = api().notices.filter((notice) => notice.text.includes("here on this machine's Node.js"));
    if (hostMajor >= 24) expect(said).toEqual([]);
    else
      expect(said).toEqual([
        {
          subject: 'functions',
          text: `${hostMajor >= 22 ? 'CallbackOn24Function, SucceedOn24Function run on nodejs24.x' : '18 functions run on nodejs22.x, nodejs24.x'} in Lambda, here on this machine's Node.js ${process.versions.node}: what is newer than Node.js ${hostMajor} is missing locally`,
        },
      ]);
  });

  it('names at start-up what it does not serve, with the logical id and the reason', () => {
    expect(api().notices).toEqual(
      expect.arrayContaining([
        {
          subject: 'PythonFunction',
          text: 'not served: Runtime python3.12: only Node.js functions are emulated',
        },
        {
          subject: 'QueueConsumerFunction.Events.Orders',
          text: 'SQS events are not emulated: invoke it with an event file (npm run invoke -- QueueConsumerFunction <event.json>) or through the local Invoke API',
        },
        {
          subject: 'EnvironmentFunction',
          text: 'Environment.Variables.TABLE_ARN: !GetAtt Table.Arn cannot be resolved locally (its value exists only in a deployed stack)',
        },
      ]),
    );
  });
});

describe('a function run from its folder as it is', () => {
  it('runs the new code after a file is saved, with no restart', async () => {
    const dir = tempDir('files-reload');
    cpSync(join(APP_TEMPLATE, '..'), dir, { recursive: true });
    const api = await startApi(join(dir, 'template.yaml'), { watch: true });
    try {
      expect(await (await fetch(`${api.url}/mjs`)).text()).toBe('mjs undefined');
      writeFileSync(
        join(dir, 'src', 'mjs', 'hello.mjs'),
        "export const handler = async () => ({ statusCode: 200, body: 'saved' });\n",
      );
      await eventually(async () => (await (await fetch(`${api.url}/mjs`)).text()) === 'saved');
      expect(api.lines).toContain('MjsFunction changed on disk: the next request runs the new code');
    } finally {
      await api.close();
    }
  });
});
