import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { esbuildOptions } from '../emulator/runtime/build/esbuild-options';
import { parseHandlerName } from '../emulator/runtime/handler-name';
import type { BuildProperties } from '../emulator/template/build-properties';
import { templateFunctions, type FunctionSpec } from '../emulator/template/functions';
import { readTemplate } from '../emulator/template/template';
import { scratchDir } from './scratch-dirs';

export interface Bundled {
  spec: FunctionSpec;
  properties: BuildProperties;
  handlerExport: string;
  outdir: string;
  bundlePath: string;
}

/** Bundles a function of template.yaml exactly as its BuildProperties tell SAM to. */
export async function bundleFunction(functionId: string): Promise<Bundled> {
  const spec = templateFunctions(readTemplate('template.yaml'), 'template.yaml').functions.find(
    (f) => f.id === functionId,
  );
  const handler = spec === undefined ? undefined : parseHandlerName(spec.handler);
  if (spec?.code.kind !== 'esbuild' || handler === undefined)
    throw new Error(`template.yaml has no esbuild-built ${functionId}`);
  const outdir = scratchDir('bench');
  await build(esbuildOptions(spec.codeDir, spec.code.properties, join(outdir, 'real'), spec.handler));
  return {
    spec,
    properties: spec.code.properties,
    handlerExport: handler.exportPath,
    outdir,
    bundlePath: join(outdir, 'real', `${handler.modulePath}.js`),
  };
}

// The Lambda runtime has loaded its own modules before it requires the handler, so the probe warms
// the module loader on an empty file first; otherwise the first require costs several ms by itself.
// Times are taken before touching process.stdout, whose lazy getter costs milliseconds.
const PROBE_DIR = scratchDir('bench-probe');
const PROBE = join(PROBE_DIR, 'cold-start-probe.cjs');
writeFileSync(join(PROBE_DIR, 'empty.js'), '');
writeFileSync(
  PROBE,
  `require('./empty.js');
console.info = () => undefined;
const [bundle, handlerExport, eventJson] = process.argv.slice(2);
const t0 = process.hrtime.bigint();
const loaded = require(bundle);
const t1 = process.hrtime.bigint();
(async () => {
  if (eventJson) await loaded[handlerExport](JSON.parse(eventJson), { awsRequestId: 'bench', getRemainingTimeInMillis: () => 3000 });
  const t2 = process.hrtime.bigint();
  process.stdout.write(JSON.stringify({ requireMs: Number(t1 - t0) / 1e6, firstInvokeMs: Number(t2 - t1) / 1e6 }));
})();`,
);

/** Time to `require` a bundle in a fresh process, in milliseconds: what a cold start pays for it. */
export async function requireMs(file: string): Promise<number> {
  return (await coldStart(file)).requireMs;
}

/** A fresh process's `require` of a bundle and, given an event, its first invocation, in ms. */
export async function coldStart(
  file: string,
  invoke?: { handlerExport: string; event: unknown; env?: Record<string, string> },
): Promise<{ requireMs: number; firstInvokeMs: number }> {
  const args = [
    PROBE,
    file,
    invoke?.handlerExport ?? '',
    invoke === undefined ? '' : JSON.stringify(invoke.event),
  ];
  const { stdout } = await promisify(execFile)(process.execPath, args, {
    env: { ...process.env, ...invoke?.env },
  });
  return JSON.parse(stdout) as { requireMs: number; firstInvokeMs: number };
}
