import { FileWatch } from '../../shared/file-watch';
import { watcherReady } from '../../shared/watcher-ready';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { context as esbuildContext, type BuildContext, type Message } from 'esbuild';
import type { BuildProperties } from '../../template/build-properties';
import type { FunctionSpec } from '../../template/functions';
import { esbuildOptions } from './esbuild-options';
import type { FunctionCodeSource } from './code-source';

export class BuildError extends Error {
  override readonly name = 'BuildError';
}

type Context = BuildContext<{ metafile: true; write: false }>;

/**
 * A function's bundle, kept up to date: built once from its BuildProperties, then rebuilt whenever a
 * file it was built from changes. Each good build is written to a folder of its own, so a failed
 * rebuild (which writes nothing) leaves the last good one in place for every instance, old or new.
 * A first build that fails leaves the bundle without code (`failure`) until a change under its
 * CodeUri (a source saved, a package installed) builds it.
 */
export class FunctionBundle implements FunctionCodeSource {
  /** Before a first good build: the CodeUri folder. */
  private watcher: FSWatcher | undefined;
  /** The files the last good build read. */
  private files: FileWatch | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The files the last build read: a change anywhere else under CodeUri rebuilds nothing. */
  private inputs = new Set<string>();
  private builds = 0;
  /** The folder of the last good build. */
  root = '';
  failure: BuildError | undefined;

  private constructor(
    private readonly context: Context,
    private readonly codeDir: string,
    /** The folder esbuild is told of; nothing is written there. */
    private readonly planned: string,
    private readonly buildRoot: string,
  ) {}

  static async create(fn: FunctionSpec, properties: BuildProperties, root: string): Promise<FunctionBundle> {
    const planned = join(root, 'build');
    const context = await esbuildContext({
      ...esbuildOptions(fn.codeDir, properties, planned, fn.handler),
      metafile: true,
      write: false,
    });
    const bundle = new FunctionBundle(context, resolve(fn.codeDir), planned, root);
    try {
      await bundle.rebuild();
    } catch (error) {
      if (error instanceof BuildError) bundle.failure = error;
      else {
        await context.dispose();
        throw error;
      }
    }
    return bundle;
  }

  async rebuild(): Promise<void> {
    let result: Awaited<ReturnType<Context['rebuild']>>;
    try {
      result = await this.context.rebuild();
    } catch (error) {
      const first = (error as { errors?: Message[] }).errors?.[0];
      const where = first?.location ? `${first.location.file}:${first.location.line}: ` : '';
      throw new BuildError(first ? `${where}${first.text}` : String(error), { cause: error });
    }
    // Beside the planned folder, at the same depth, so the source maps' relative paths still hold.
    const outdir = join(this.buildRoot, `build-${++this.builds}`);
    for (const file of result.outputFiles) {
      const target = join(outdir, relative(this.planned, file.path));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.contents);
    }
    this.root = outdir;
    this.failure = undefined;
    const inputs = new Set(Object.keys(result.metafile.inputs).map((input) => resolve(this.codeDir, input)));
    this.inputs = inputs;
    this.files?.set(watchable(inputs));
  }

  /**
   * Rebuilds after a change to a file the build read. chokidar watches each file through its folder,
   * so a file an editor replaces by renaming another over it is still seen on the next save.
   */
  watch(onRebuilt: () => void, onFailed: (error: Error) => void): Promise<void> {
    const rebuildSoon = (): void => {
      clearTimeout(this.timer);
      // Editors write a file in several steps: rebuild once they are done.
      this.timer = setTimeout(() => {
        const unbuilt = this.failure !== undefined;
        this.rebuild().then(() => {
          if (unbuilt) void this.stopWatching().then(() => this.watch(onRebuilt, onFailed));
          onRebuilt();
        }, onFailed);
      }, 20);
    };
    if (this.failure !== undefined) {
      // Never built: it has no inputs yet, so anything under CodeUri that may fix it is watched.
      const watcher = watch(this.codeDir, {
        ignoreInitial: true,
        atomic: true,
        ignored: (path) => !mayFixBuild(this.codeDir, path),
      });
      this.watcher = watcher;
      watcher.on('all', rebuildSoon);
      return watcherReady(watcher);
    }
    this.files = new FileWatch(watchable(this.inputs), rebuildSoon);
    return this.files.ready;
  }

  private async stopWatching(): Promise<void> {
    await this.watcher?.close();
    await this.files?.close();
    this.watcher = undefined;
    this.files = undefined;
  }

  async dispose(): Promise<void> {
    clearTimeout(this.timer);
    await this.stopWatching();
    await this.context.dispose();
  }
}

/**
 * What may fix a bundle that never built: any file of its own under CodeUri, and a package that
 * appears in its node_modules (`node_modules/pkg`, `node_modules/@scope/pkg`), not their contents.
 */
function mayFixBuild(codeDir: string, path: string): boolean {
  const parts = relative(codeDir, path).split(sep);
  const modules = parts.indexOf('node_modules');
  if (parts.includes('.git') || parts.includes('.aws-sam')) return false;
  if (modules < 0) return true;
  const depth = parts.length - modules - 1;
  return depth === 0 || depth === 1 || (depth === 2 && parts[modules + 1]?.startsWith('@') === true);
}

/** The inputs worth watching: a function's own files, not its installed dependencies. */
function watchable(inputs: Set<string>): string[] {
  return [...inputs].filter((input) => !input.split(sep).includes('node_modules'));
}
