import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Context } from 'aws-lambda';
import { esbuildOptions } from '../emulator/runtime/build/esbuild-options';
import { createLambdaContext } from '../emulator/runtime/lambda/lambda-context';
import { bundleFunction, requireMs } from './bundle';
import { median, printTable, ratio, verdict } from './stats';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

const CONSTANT_HANDLER = `export const lambdaHandler = async () => ({
  statusCode: 200,
  headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' },
  body: '{"greeting":"Good evening, John of Seattle. Happy Thursday!"}',
});\n`;

/** Bundles a function exactly as its template's BuildProperties tell SAM to, beside a constant twin. */
async function bundleSideBySide(functionId: string): Promise<{ real: string; constant: string }> {
  const fn = await bundleFunction(functionId);
  writeFileSync(join(fn.outdir, 'constant.ts'), CONSTANT_HANDLER);
  await build(
    esbuildOptions(
      fn.outdir,
      { ...fn.properties, EntryPoints: ['constant.ts'] },
      join(fn.outdir, 'constant'),
    ),
  );
  return { real: fn.bundlePath, constant: join(fn.outdir, 'constant', 'constant.js') };
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
    requires.real.push(await requireMs(bundles.real));
    requires.constant.push(await requireMs(bundles.constant));
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
