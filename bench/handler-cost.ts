import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Context } from 'aws-lambda';
import { esbuildOptions } from '../local/build';
import { templateFunctions } from '../local/functions';
import { createLambdaContext } from '../local/lambda-context';
import { readTemplate } from '../local/template';
import { median, printTable, ratio, verdict } from './stats';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

const CONSTANT_HANDLER = `export const lambdaHandler = async () => ({
  statusCode: 200,
  headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' },
  body: '{"greeting":"Good evening, John of Seattle. Happy Thursday!"}',
});\n`;

/** Bundles a function exactly as its template's BuildProperties tell SAM to, beside a constant twin. */
async function bundleSideBySide(functionId: string): Promise<{ real: string; constant: string }> {
  const fn = templateFunctions(readTemplate('template.yaml'), 'template.yaml').find(
    (f) => f.id === functionId,
  );
  if (fn === undefined) throw new Error(`template.yaml has no ${functionId}`);
  const out = mkdtempSync(join(tmpdir(), 'bench-'));
  await build(esbuildOptions(fn.codeDir, fn.build, join(out, 'real')));
  writeFileSync(join(out, 'constant.ts'), CONSTANT_HANDLER);
  await build(esbuildOptions(out, { ...fn.build, EntryPoints: ['constant.ts'] }, join(out, 'constant')));
  return { real: join(out, 'real', fn.bundleFile), constant: join(out, 'constant', 'constant.js') };
}

// The Lambda runtime has loaded its own modules before it requires the handler, so the probe warms
// the module loader on an empty file first; otherwise the first require costs several ms by itself.
const PROBE_DIR = mkdtempSync(join(tmpdir(), 'bench-probe-'));
const PROBE = join(PROBE_DIR, 'require-probe.js');
writeFileSync(join(PROBE_DIR, 'empty.js'), '');
writeFileSync(
  PROBE,
  // The time is taken before touching process.stdout, whose lazy getter costs milliseconds.
  `require('./empty.js'); const t = process.hrtime.bigint(); require(process.argv[2]);
const ms = Number(process.hrtime.bigint() - t) / 1e6; process.stdout.write(String(ms));`,
);

/** Time to `require` a bundle in a fresh process, in milliseconds: what a cold start pays for it. */
export function requireMs(file: string): number {
  return Number(execFileSync(process.execPath, [PROBE, file], { encoding: 'utf8' }));
}

/**
 * Nanoseconds per warm invocation along the runtime's own path: parse the event text, call the
 * handler, serialise the result. Console output is discarded so the terminal's speed is not measured.
 */
async function warmNs(handler: Handler, eventText: string, iterations: number): Promise<number> {
  const context = createLambdaContext({ functionName: 'bench' });
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) JSON.stringify(await handler(JSON.parse(eventText), context));
  return Number(process.hrtime.bigint() - started) / iterations;
}

export async function benchHandlerCost(): Promise<void> {
  const bundles = await bundleSideBySide('HelloWorldFunction');
  const realBytes = statSync(bundles.real).size;
  const constantBytes = statSync(bundles.constant).size;

  const requires = { real: [] as number[], constant: [] as number[] };
  for (let round = 0; round < 15; round++) {
    requires.real.push(requireMs(bundles.real));
    requires.constant.push(requireMs(bundles.constant));
  }
  const realRequire = median(requires.real);
  const constantRequire = median(requires.constant);

  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle built at run time
  const load = (file: string): Handler => (require(file) as { lambdaHandler: Handler }).lambdaHandler;
  const handlers = { real: load(bundles.real), constant: load(bundles.constant) };
  const info = console.info;
  console.info = () => undefined;
  const rows = [['event', 'handler ns/op', 'constant ns/op', 'ratio', 'verdict']];
  try {
    for (const file of ['tutorial-post.json', 'get-name-city.json']) {
      const eventText = readFileSync(join('events', file), 'utf8');
      const samples = { real: [] as number[], constant: [] as number[] };
      await warmNs(handlers.real, eventText, 20_000); // JIT warm-up
      await warmNs(handlers.constant, eventText, 20_000);
      for (let round = 0; round < 11; round++) {
        samples.real.push(await warmNs(handlers.real, eventText, 20_000));
        samples.constant.push(await warmNs(handlers.constant, eventText, 20_000));
      }
      const [real, constant] = [median(samples.real), median(samples.constant)];
      rows.push([
        file,
        real.toFixed(0),
        constant.toFixed(0),
        ratio(real, constant),
        verdict(real <= constant * 1.1, '<= 1.10x'),
      ]);
    }
  } finally {
    console.info = info;
  }

  printTable('REST handler bundle (built from template.yaml BuildProperties)', [
    ['', 'handler', 'constant', 'verdict'],
    ['bundle bytes', String(realBytes), String(constantBytes), verdict(realBytes < 3 * 1024, '< 3 KB')],
    [
      'require ms (median of 15)',
      realRequire.toFixed(3),
      constantRequire.toFixed(3),
      verdict(realRequire < 0.5, '< 0.5 ms'),
    ],
  ]);
  printTable('Warm cost per invocation (parse event, invoke, serialise result; median of 11 x 20k)', rows);
}
