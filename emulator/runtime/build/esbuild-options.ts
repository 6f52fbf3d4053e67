import { join, resolve } from 'node:path';
import type { BuildOptions } from 'esbuild';
import type { BuildProperties } from '../../template/build-properties';

/** SAM's `.ext=value` list form, as an object. */
function pairs(items: string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const item of items) {
    const [key = '', value = ''] = item.split('=');
    result[key] = value;
  }
  return result;
}

/**
 * The esbuild options SAM's esbuild builder derives from BuildProperties: a node bundle of each entry
 * point, written beside the others in `outdir`, so what runs locally is what `sam build` ships.
 */
export function esbuildOptions(codeDir: string, properties: BuildProperties, outdir: string): BuildOptions {
  const list = (value: string | string[] | undefined): string[] =>
    value === undefined ? [] : Array.isArray(value) ? value : value.split(',');
  return {
    absWorkingDir: resolve(codeDir),
    entryPoints: (properties.EntryPoints ?? ['app.ts']).map((entry) => join(resolve(codeDir), entry)),
    outdir,
    bundle: true,
    platform: 'node',
    format: properties.Format ?? 'cjs',
    minify: properties.Minify ?? false,
    target: properties.Target ?? 'es2020',
    sourcemap: properties.Sourcemap ?? false,
    external: properties.External ?? [],
    ...(properties.MainFields === undefined ? {} : { mainFields: list(properties.MainFields) }),
    ...(properties.Banner === undefined ? {} : { banner: { js: properties.Banner } }),
    loader: pairs(list(properties.Loader)) as BuildOptions['loader'],
    outExtension: pairs(list(properties.OutExtension)),
    logLevel: 'silent',
  };
}
