import { join, resolve } from 'node:path';
import type { BuildOptions } from 'esbuild';
import type { BuildProperties } from '../../template/build-properties';
import { parseHandlerName } from '../handler-name';

/** SAM's `.ext=value` list form, as an object. */
function pairs(items: string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const item of items) {
    const equals = item.indexOf('=');
    if (equals > 0) result[item.slice(0, equals)] = item.slice(equals + 1);
  }
  return result;
}

/**
 * The esbuild options SAM's esbuild builder derives from BuildProperties, with its defaults (minified,
 * es2020, CommonJS): a node bundle of each entry point in `outdir`, so what runs locally is what
 * `sam build` ships. A Handler with folders (`src/handlers/items.list`) whose entry point is that
 * file keeps its folders in the output, so that the Handler names the bundle.
 */
export function esbuildOptions(
  codeDir: string,
  properties: BuildProperties,
  outdir: string,
  handler?: string,
): BuildOptions {
  const list = (value: string | string[] | undefined): string[] =>
    value === undefined ? [] : Array.isArray(value) ? value : value.split(',');
  const entryPoints = properties.EntryPoints ?? ['app.ts'];
  const handlerModule = handler === undefined ? undefined : parseHandlerName(handler)?.modulePath;
  const keepsFolders =
    handlerModule?.includes('/') === true &&
    entryPoints.some((entry) => entry.replace(/^\.\//, '').replace(/\.[cm]?[jt]sx?$/, '') === handlerModule);
  return {
    absWorkingDir: resolve(codeDir),
    entryPoints: entryPoints.map((entry) => join(resolve(codeDir), entry)),
    outdir,
    ...(keepsFolders ? { outbase: resolve(codeDir) } : {}),
    bundle: true,
    platform: 'node',
    format: properties.Format ?? 'cjs',
    minify: properties.Minify ?? true,
    target: properties.Target ?? 'es2020',
    sourcemap: properties.Sourcemap ?? false,
    external: properties.External ?? [],
    ...(properties.MainFields === undefined ? {} : { mainFields: list(properties.MainFields) }),
    ...(properties.Banner === undefined ? {} : { banner: banner(list(properties.Banner)) }),
    loader: pairs(list(properties.Loader)) as BuildOptions['loader'],
    outExtension: pairs(list(properties.OutExtension)),
    logLevel: 'silent',
  };
}

/** SAM passes each Banner item as `--banner:<item>`: `js=...`; a bare text is taken as the js banner. */
function banner(items: string[]): Record<string, string> {
  return pairs(items.map((item) => (/^(js|css)=/.test(item) ? item : `js=${item}`)));
}
