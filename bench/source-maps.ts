// What source maps would cost the WebSocket function, whose connections.js bundle carries the AWS
// SDK: with `Sourcemap: true`, sam build also sets NODE_OPTIONS=--enable-source-maps, so a cold
// `require` and the first stack trace of an error thrown from SDK code (a ForbiddenException from the
// @connections API) pay for parsing the map. The template builds it without (Sourcemap: false).
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { esbuildOptions } from '../emulator/runtime/build/esbuild-options';
import { bundleFunction } from './bundle';
import { scratchDir } from './scratch-dirs';
import { median, printTable } from './stats';

const PROBE = join(scratchDir('bench-source-maps'), 'probe.cjs');
writeFileSync(
  PROBE,
  `const http = require('node:http');
const server = http.createServer((request, response) => {
  request.resume();
  response.writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': 'ForbiddenException' });
  response.end('{"message":"Forbidden"}');
});
server.listen(0, '127.0.0.1', async () => {
  const t0 = process.hrtime.bigint();
  const { postToConnection } = require(process.argv[2]);
  const t1 = process.hrtime.bigint();
  try {
    await postToConnection('http://127.0.0.1:' + server.address().port + '/Prod', 'x', 'y');
  } catch (error) {
    const t2 = process.hrtime.bigint();
    const frames = error.stack.split('\\n').length;
    const t3 = process.hrtime.bigint();
    process.stdout.write(JSON.stringify({ requireMs: Number(t1 - t0) / 1e6, stackMs: Number(t3 - t2) / 1e6, frames }));
  }
  server.close();
});`,
);

const ENV = {
  PATH: process.env.PATH ?? '',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

async function probe(file: string, sourceMaps: boolean): Promise<{ requireMs: number; stackMs: number }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...(sourceMaps ? ['--enable-source-maps'] : []), PROBE, file],
    {
      env: ENV,
    },
  );
  return JSON.parse(stdout) as { requireMs: number; stackMs: number };
}

export async function benchSourceMaps(): Promise<void> {
  const fn = await bundleFunction('WebSocketFunction');
  const mapped = { ...fn.properties, Sourcemap: true };
  const withSources = join(fn.outdir, 'sourcemap');
  await build(esbuildOptions(fn.spec.codeDir, mapped, withSources, fn.spec.handler));
  const withoutSources = join(fn.outdir, 'no-sources-content');
  await build({
    ...esbuildOptions(fn.spec.codeDir, mapped, withoutSources, fn.spec.handler),
    sourcesContent: false,
  });
  const variants = [
    ['Sourcemap: true (sam build adds the flag)', join(withSources, 'connections.js'), true],
    ['a map without sourcesContent, with the flag', join(withoutSources, 'connections.js'), true],
    ['Sourcemap: false, as the template builds it', join(fn.outdir, 'real', 'connections.js'), false],
  ] as const;
  const rows: string[][] = [['connections.js (the SDK)', 'cold require ms', 'first SDK error stack ms']];
  for (const [label, file, sourceMaps] of variants) {
    const runs: { requireMs: number; stackMs: number }[] = [];
    for (let run = 0; run < 7; run++) runs.push(await probe(file, sourceMaps));
    rows.push([
      label,
      median(runs.map((r) => r.requireMs)).toFixed(1),
      median(runs.map((r) => r.stackMs)).toFixed(1),
    ]);
  }
  printTable('Source maps in the WebSocket function (fresh process per run, median of 7)', rows);
}
