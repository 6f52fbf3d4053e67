import { join } from 'node:path';
import { build } from 'esbuild';
import { EMULATOR_DIR } from '../../shared/emulator-dir';

export interface LambdaRuntimeFiles {
  /** The worker script of one instance. */
  runtimePath: string;
  /** The ES module resolution hooks an instance registers when its function imports ES modules. */
  fallbackHooksPath: string;
}

/** Builds the in-thread Lambda runtime once, as plain JavaScript, so instances start fast. */
export async function buildLambdaRuntime(outdir: string): Promise<LambdaRuntimeFiles> {
  const source = (file: string): string => join(EMULATOR_DIR, 'runtime', 'lambda', file);
  const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'silent' } as const;
  const runtimePath = join(outdir, 'lambda-runtime.js');
  const fallbackHooksPath = join(outdir, 'module-fallback-hooks.mjs');
  await Promise.all([
    build({
      ...common,
      entryPoints: [source('lambda-runtime.ts')],
      outfile: runtimePath,
      format: 'cjs',
      sourcemap: true,
    }),
    build({
      ...common,
      entryPoints: [source('module-fallback-hooks.ts')],
      outfile: fallbackHooksPath,
      format: 'esm',
    }),
  ]);
  return { runtimePath, fallbackHooksPath };
}
