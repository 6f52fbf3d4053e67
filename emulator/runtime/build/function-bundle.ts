import { watch, type FSWatcher } from 'node:fs';
import { join, resolve } from 'node:path';
import { context as esbuildContext, type BuildContext, type Message } from 'esbuild';
import type { FunctionSpec } from '../../template/functions';
import { esbuildOptions } from './esbuild-options';

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
