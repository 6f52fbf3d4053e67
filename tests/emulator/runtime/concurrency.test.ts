import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildLambdaRuntime } from '../../../emulator/runtime/build/lambda-runtime-bundle';
import { FunctionInstances, IDLE_RETIRE_MS } from '../../../emulator/runtime/instances/instance-pool';
import { SpareRuntimes } from '../../../emulator/runtime/instances/spare-runtimes';
import { serveDuringSuite, templateFile } from '../../support/local-api';
import { tempDir } from '../../support/temp-dirs';

jest.setTimeout(30_000);

const SLOW = `"exports.handler = async () => { await new Promise((resolve) => setTimeout(resolve, 400)); return { statusCode: 200, body: 'done' }; };"`;

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function: { Runtime: nodejs22.x, Handler: index.handler }
Resources:
  OneAtATime:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: ${SLOW}
      ReservedConcurrentExecutions: 1
      Events:
        Rest: { Type: Api, Properties: { Path: /one, Method: GET } }
        Http: { Type: HttpApi, Properties: { Path: /http-one, Method: GET } }
  Switched:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: ${SLOW}
      ReservedConcurrentExecutions: 0
      Events:
        Rest: { Type: Api, Properties: { Path: /off, Method: GET } }
`;

describe('ReservedConcurrentExecutions', () => {
  const api = serveDuringSuite(templateFile('reserved', TEMPLATE), { typeCheck: false });

  const answer = async (path: string): Promise<[number, string]> => {
    const response = await fetch(`${api().url}${path}`);
    return [response.status, await response.text()];
  };

  it('throttles an invocation beyond it: a REST API answers 500, as when Lambda throttles, and runs the next', async () => {
    const answers = await Promise.all([answer('/one'), answer('/one')]);
    expect(answers.sort()).toEqual([
      [200, 'done'],
      [500, '{"message":"Internal server error"}'],
    ]);
    expect(api().lines.filter((line) => line.includes('Lambda throttled the invocation'))).toHaveLength(1);
    expect(await answer('/one')).toEqual([200, 'done']);
  });

  it('throttles on an HTTP API route too: 500 Internal Server Error', async () => {
    const answers = await Promise.all([answer('/http-one'), answer('/http-one')]);
    expect(answers.sort()).toEqual([
      [200, 'done'],
      [500, '{"message":"Internal Server Error"}'],
    ]);
  });

  it('of 0 throttles every invocation, as a function switched off', async () => {
    expect(await answer('/off')).toEqual([500, '{"message":"Internal server error"}']);
  });
});

describe("a function's instances", () => {
  it('retire once idle: all but the first after a minute, the first after ten; the next invocation starts one anew', async () => {
    const dir = tempDir('idle');
    mkdirSync(join(dir, 'code'));
    writeFileSync(
      join(dir, 'code', 'index.js'),
      'exports.handler = async () => { await new Promise((resolve) => setTimeout(resolve, 200)); return 1; };',
    );
    const runtime = await buildLambdaRuntime(join(dir, 'runtime'));
    const spares = new SpareRuntimes(runtime.runtimePath);
    const pool = new FunctionInstances(
      {
        environment: {},
        timeoutMs: 3000,
        data: {
          taskRoot: join(dir, 'code'),
          handler: 'index.handler',
          nodeMajor: 22,
          tracing: false,
          functionName: 'Idle',
          memorySizeMb: 128,
          logFormat: 'Text',
          moduleFallbackDirs: [],
          fallbackHooksPath: runtime.fallbackHooksPath,
        },
      },
      spares,
    );
    try {
      const outcomes = await Promise.all([
        pool.invoke({ json: '{}' }).outcome,
        pool.invoke({ json: '{}' }).outcome,
      ]);
      expect(outcomes.map((outcome) => outcome.kind)).toEqual(['result', 'result']);
      expect(pool.size).toBe(2);
      pool.retireIdle(Date.now() + IDLE_RETIRE_MS.others - 1000);
      expect(pool.size).toBe(2);
      pool.retireIdle(Date.now() + IDLE_RETIRE_MS.others);
      expect(pool.size).toBe(1);
      pool.retireIdle(Date.now() + IDLE_RETIRE_MS.others * 2);
      expect(pool.size).toBe(1);
      pool.retireIdle(Date.now() + IDLE_RETIRE_MS.first);
      expect(pool.size).toBe(0);
      expect((await pool.invoke({ json: '{}' }).outcome).kind).toBe('result');
      expect(pool.size).toBe(1);
    } finally {
      await pool.close();
      await spares.close();
    }
  });
});
