import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { esbuildOptions } from '../../emulator/runtime/build/esbuild-options';
import { templateFunctions } from '../../emulator/template/functions';
import { readTemplate } from '../../emulator/template/template';
import { EVENTS_DIR } from '../support/events';
import { PROJECT_TEMPLATE } from '../support/local-api';
import { tempDir } from '../support/temp-dirs';

jest.setTimeout(30_000);

/** Builds a function as its BuildProperties tell `sam build` to, and returns the output folder. */
async function built(functionId: string): Promise<string> {
  const fn = templateFunctions(readTemplate(PROJECT_TEMPLATE), PROJECT_TEMPLATE).functions.find(
    (f) => f.id === functionId,
  );
  if (fn === undefined) throw new Error(`no ${functionId}`);
  const outdir = tempDir(functionId);
  if (fn.code.kind !== 'esbuild') throw new Error(`${functionId} is not built with esbuild`);
  await build(esbuildOptions(fn.codeDir, fn.code.properties, outdir, fn.handler));
  return outdir;
}

describe('the bundles sam build makes', () => {
  it('keeps the SDK out of the WebSocket entry bundle, in connections.js', async () => {
    const outdir = await built('WebSocketFunction');
    expect(readFileSync(join(outdir, 'websocket.js'), 'utf8')).not.toContain('PostToConnection');
    expect(readFileSync(join(outdir, 'connections.js'), 'utf8')).toContain('PostToConnection');
  });

  it('runs $connect without loading connections.js, and greet with it', async () => {
    const outdir = await built('WebSocketFunction');
    const loadedAfter = (eventFile: string): string[] => {
      const script = `
        console.info = () => undefined;
        const { lambdaHandler } = require(${JSON.stringify(join(outdir, 'websocket.js'))});
        const event = require(${JSON.stringify(join(EVENTS_DIR, eventFile))});
        lambdaHandler(event, { awsRequestId: 'test' }).catch(() => undefined).finally(() => {
          process.stdout.write(JSON.stringify(Object.keys(require.cache).map((file) => require('path').basename(file))));
        });`;
      const env = {
        ...process.env,
        AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI: 'http://127.0.0.1:9/Prod',
        AWS_REGION: 'us-east-1',
        AWS_MAX_ATTEMPTS: '1',
      };
      return JSON.parse(
        execFileSync(process.execPath, ['-e', script], { env, encoding: 'utf8' }),
      ) as string[];
    };
    expect(loadedAfter('ws-connect.json')).not.toContain('connections.js');
    expect(loadedAfter('ws-greet.json')).toContain('connections.js');
  });
});
