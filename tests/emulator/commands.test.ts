import { spawnSync } from 'node:child_process';
import { cpSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { runCli } from '../support/cli';
import { FIXTURE_TEMPLATE } from '../support/local-api';
import { tempDir } from '../support/temp-dirs';

jest.setTimeout(30_000);

/** Writes a template.yaml in a folder of its own and returns its path. */
function writeTemplate(yaml: string): string {
  const path = join(tempDir('cli-template'), 'template.yaml');
  writeFileSync(path, yaml);
  return path;
}

/** A template with one function, whose code is the fixture functions. */
function templateWith(handler: string, entryPoint: string): string {
  return writeTemplate(
    `Transform: AWS::Serverless-2016-10-31
Resources:
  BrokenFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ${join(FIXTURE_TEMPLATE, '..', 'functions')}
      Handler: ${handler}
      Runtime: nodejs24.x
      Events:
        Api: { Type: Api, Properties: { Path: /broken, Method: GET } }
    Metadata:
      BuildMethod: esbuild
      BuildProperties: { EntryPoints: [${entryPoint}] }
`,
  );
}

describe('npm start', () => {
  it('prints the routes with their URLs, then exits cleanly on SIGTERM', async () => {
    const run = await runCli('start-api', ['--port', '0'], { killWhen: /Ctrl-C stops/ });
    expect(run.stdout).toMatch(/ANY +http:\/\/127\.0\.0\.1:\d+\/helloworld +→ HelloWorldFunction/);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('says in one line that the port is in use', async () => {
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as AddressInfo;
    const run = await runCli('start-api', ['--port', String(port)]);
    busy.close();
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error: port ${port} is in use: stop what holds it or choose another with --port\n`,
    );
  });

  it('says in one line that the template is missing', async () => {
    const run = await runCli('start-api', ['--template', 'no-such-template.yaml']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('error: cannot read template no-such-template.yaml\n');
  });

  it('says in one line that the template is not valid, where the unclosed bracket opens', async () => {
    const path = join(tempDir('bad-template'), 'template.yaml');
    writeFileSync(path, 'Resources: [unclosed\n');
    const run = await runCli('start-api', ['--template', path]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: .*template\.yaml:1:12 is not valid YAML: .+\n$/);
  });

  it('serves on, and says in one line, that a handler file does not exist', async () => {
    const run = await runCli(
      'start-api',
      ['--port', '0', '--template', templateWith('missing.handler', 'missing.ts')],
      {
        killWhen: /Ctrl-C stops/,
        onReady: async (url) => (await fetch(`${url}/broken`)).status.toString(),
      },
    );
    expect(run.ready).toBe('502');
    expect(run.stdout).toMatch(
      /\n {2}BrokenFunction: not built, so its invocations fail \(502\) until a save builds it: Could not resolve "[^"]*missing\.ts"\n/,
    );
  });

  it('serves on, and says in one line, that a handler export does not exist', async () => {
    const run = await runCli(
      'start-api',
      ['--port', '0', '--template', templateWith('echo.nope', 'echo.ts')],
      {
        killWhen: /Ctrl-C stops/,
      },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '  BrokenFunction: init failed, so every invocation fails (502) until its code changes: Runtime.HandlerNotFound: echo.nope is undefined or not exported\n',
    );
  });
});

describe('npm start on a template with nothing it serves', () => {
  it('says so plainly, and names each part it leaves out', async () => {
    const path = writeTemplate(
      `Transform: AWS::Serverless-2016-10-31
Resources:
  Nightly:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: app.handler
      InlineCode: exports.handler = async () => 'done';
      Events:
        Every: { Type: Schedule, Properties: { Schedule: rate(1 day) } }
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: .
`,
    );
    const run = await runCli('start-api', ['--port', '0', '--template', path], { killWhen: /Ctrl-C stops/ });
    expect(run.stdout).toContain(
      `No route of ${path} is served: every request answers 403 {"message":"Missing Authentication Token"}, as API Gateway answers an unknown path.\n`,
    );
    expect(run.stdout).toContain(
      '  Nightly.Events.Every: Schedule events are not emulated: invoke it with an event file (npm run invoke -- Nightly <event.json>) or through the local Invoke API\n',
    );
    expect(run.stdout).toContain(
      '  Worker: not served: Runtime python3.12: only Node.js functions are emulated\n',
    );
  });
});

describe('npm run invoke', () => {
  it('serves @connections locally for a WebSocket event, and prints what the function posted', async () => {
    const run = await runCli('invoke', ['WebSocketFunction', 'events/ws-greet.json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ statusCode: 200 });
    expect(run.stderr).toContain(
      '@connections POST L0SM9cOFvHcCIhw=: {"greeting":"Good evening, Ada of Paris. Happy Friday!"}\n',
    );
  });

  it('shows its usage with --help', async () => {
    const run = await runCli('invoke', ['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage: npm run invoke -- \[FunctionLogicalId\] <event\.json>/);
  });

  it('prints the result as sam local invoke does, logs on stderr', async () => {
    const run = await runCli('invoke', ['HelloWorldFunction', 'events/tutorial-post.json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      statusCode: 200,
      headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' },
      body: '{"greeting":"Good evening, John of Seattle. Happy Thursday!"}',
    });
    expect(run.stderr).toMatch(/^START RequestId: [0-9a-f-]{36} Version: \$LATEST\n/m);
    expect(run.stderr).toMatch(
      /\nREPORT RequestId: [0-9a-f-]{36}\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: \d+ MB\tInit Duration: \d+\.\d\d ms\n/,
    );
  });

  it('says in one line that a function id is unknown', async () => {
    const run = await runCli('invoke', ['NoSuchFunction', 'events/tutorial-post.json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error: no function "NoSuchFunction": the template\'s functions are HelloWorldFunction, WebSocketFunction\n',
    );
  });
});

describe('the errors a newcomer meets', () => {
  it('says "run npm ci first" when the emulator runs without its dependencies', async () => {
    const copy = join(tempDir('no-install'), 'emulator');
    cpSync(join(__dirname, '..', '..', 'emulator'), copy, {
      recursive: true,
      filter: (source) => !source.split(sep).includes('node_modules'),
    });
    const run = spawnSync(process.execPath, [join(copy, 'launch.mjs'), 'start-api'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("error: the emulator's dependencies are not installed: run npm ci first\n");
  });

  it('names a function id in --env-vars that the template does not have', async () => {
    const envVars = join(tempDir('env-vars'), 'env.json');
    writeFileSync(envVars, JSON.stringify({ HelloWorldFuncton: { ALLOWED_ORIGIN: 'x' } }));
    const run = await runCli('start-api', ['--port', '0', '--env-vars', envVars], {
      killWhen: /Ctrl-C stops/,
    });
    expect(run.stdout).toContain(
      '--env-vars: the template has no function HelloWorldFuncton; its variables are ignored\n',
    );
  });

  it('lists every option with --help', async () => {
    const run = await runCli('start-api', ['--help']);
    for (const option of [
      '--port',
      '--host',
      '--template',
      '--env-vars',
      '--parameter-overrides',
      '--allowed-hosts',
      '--api-timeout-ms',
      '--ws-idle-timeout-ms',
      '--ws-max-connection-ms',
      '--help',
    ])
      expect(run.stdout).toContain(option);
  });

  it('applies --parameter-overrides everywhere, the CORS preflight included, and refuses an unknown one', async () => {
    const run = await runCli(
      'start-api',
      ['--port', '0', '--parameter-overrides', 'AllowedOrigin=https://app.example.com'],
      {
        killWhen: /Ctrl-C stops/,
        onReady: async (url) => {
          const preflight = await fetch(`${url}/helloworld`, {
            method: 'OPTIONS',
            headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'GET' },
          });
          const get = await fetch(`${url}/helloworld`);
          return `${preflight.headers.get('access-control-allow-origin') ?? ''} ${get.headers.get('access-control-allow-origin') ?? ''}`;
        },
      },
    );
    expect(run.ready).toBe('https://app.example.com https://app.example.com');
    const unknown = await runCli('start-api', ['--port', '0', '--parameter-overrides', 'Nope=1']);
    expect(unknown.stderr).toBe(
      'error: --parameter-overrides: the template has no parameter Nope (it has AllowedOrigin, LogRetentionDays, AlarmEmail, SetApiGatewayLoggingRole)\n',
    );
  });

  it('takes --parameter-overrides as several values, as SAM CLI does', async () => {
    const template = join(__dirname, '..', 'fixtures', 'apps', 'template-reading', 'template.yaml');
    const run = await runCli(
      'start-api',
      [
        '--port',
        '0',
        '--template',
        template,
        '--parameter-overrides',
        'Stage=prod',
        'Issuer=auth.example.com',
      ],
      {
        killWhen: /Ctrl-C stops/,
        onReady: async (url) => (await fetch(`${url}/prod-only`)).status.toString(),
      },
    );
    expect(run.ready).toBe('200');
    expect(run.stdout).not.toContain('Issuer');
  });
});

describe('emulators started side by side', () => {
  it('both serve when they start at once from sources not built yet', async () => {
    // A new version of the sources: both emulators build it at the same moment.
    const source = join(__dirname, '..', '..', 'emulator', 'shared', 'emulator-dir.ts');
    const now = new Date();
    utimesSync(source, now, now);
    const answers = await Promise.all(
      [0, 1].map(() =>
        runCli('start-api', ['--port', '0'], {
          killWhen: /Ctrl-C stops/,
          onReady: async (url) => (await fetch(`${url}/helloworld`)).status.toString(),
        }),
      ),
    );
    expect(answers.map((run) => [run.ready, run.stderr])).toEqual([
      ['200', ''],
      ['200', ''],
    ]);
  });
});
