import { watch, type FSWatcher } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  build,
  context as esbuildContext,
  type BuildContext,
  type BuildOptions,
  type Message,
} from 'esbuild';
import type { FunctionSpec } from './functions';
import { LOCAL_SOURCE_DIR } from './source-dir';

/** `Metadata.BuildProperties` of an esbuild-built SAM function (the keys SAM documents). */
export interface BuildProperties {
  EntryPoints?: string[];
  Minify?: boolean;
  Target?: string;
  Sourcemap?: boolean;
  Format?: 'cjs' | 'esm';
  External?: string[];
  MainFields?: string | string[];
  Banner?: string;
  Loader?: string[];
  OutExtension?: string[];
}

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

/** Builds the worker-side Lambda runtime once, as plain JavaScript, so instances start fast. */
export async function buildRuntime(outdir: string): Promise<string> {
  const outfile = join(outdir, 'lambda-runtime.js');
  await build({
    entryPoints: [join(LOCAL_SOURCE_DIR, 'lambda-runtime.ts')],
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

export class BuildError extends Error {
  override readonly name = 'BuildError';
}

/**
 * A function's bundle, kept up to date: built once from its BuildProperties, then rebuilt whenever a
 * file it was built from changes; `onRebuilt` runs after each successful rebuild.
 */
export class FunctionBundle {
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The files the last build read: a change anywhere else under CodeUri rebuilds nothing. */
  private inputs = new Set<string>();

  private constructor(
    private readonly context: BuildContext<{ metafile: true }>,
    private readonly codeDir: string,
    readonly outdir: string,
  ) {}

  static async create(fn: FunctionSpec, outdir: string): Promise<FunctionBundle> {
    const context = await esbuildContext({ ...esbuildOptions(fn.codeDir, fn.build, outdir), metafile: true });
    const bundle = new FunctionBundle(context, resolve(fn.codeDir), outdir);
    try {
      await bundle.rebuild();
    } catch (error) {
      await context.dispose();
      throw error;
    }
    return bundle;
  }

  async rebuild(): Promise<void> {
    try {
      const { metafile } = await this.context.rebuild();
      this.inputs = new Set(Object.keys(metafile.inputs).map((input) => resolve(this.codeDir, input)));
    } catch (error) {
      const first = (error as { errors?: Message[] }).errors?.[0];
      const where = first?.location ? `${first.location.file}:${first.location.line}: ` : '';
      throw new BuildError(first ? `${where}${first.text}` : String(error), { cause: error });
    }
  }

  watch(onRebuilt: () => void, onFailed: (error: Error) => void): void {
    this.watcher = watch(this.codeDir, { recursive: true }, (_event, file) => {
      if (file === null || !this.inputs.has(join(this.codeDir, file))) return;
      clearTimeout(this.timer);
      // Editors write a file in several steps: rebuild once they are done.
      this.timer = setTimeout(() => {
        this.rebuild().then(onRebuilt, onFailed);
      }, 50);
    });
  }

  async dispose(): Promise<void> {
    clearTimeout(this.timer);
    this.watcher?.close();
    await this.context.dispose();
  }
}
