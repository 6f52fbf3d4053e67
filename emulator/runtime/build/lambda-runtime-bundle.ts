import { join } from 'node:path';
import { build } from 'esbuild';
import { EMULATOR_DIR } from '../../shared/emulator-dir';

/** Builds the in-thread Lambda runtime once, as plain JavaScript, so instances start fast. */
export async function buildLambdaRuntime(outdir: string): Promise<string> {
  const outfile = join(outdir, 'lambda-runtime.js');
  await build({
    entryPoints: [join(EMULATOR_DIR, 'runtime', 'lambda', 'lambda-runtime.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    logLevel: 'silent',
  });
  return outfile;
}
