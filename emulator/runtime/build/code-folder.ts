import { watcherReady } from '../../shared/watcher-ready';
import { relative, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { FunctionCodeSource } from './code-source';

/** Folders whose changes are not the function's code being edited. */
const NOT_CODE = new Set(['node_modules', '.git', '.aws-sam']);

/**
 * A function without a build method runs from its CodeUri as it is on disk, as sam build copies it.
 * Each change is new code for new instances: their module caches start empty.
 */
export class CodeFolder implements FunctionCodeSource {
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly root: string) {}

  watch(onChanged: () => void): Promise<void> {
    const watcher = watch(this.root, {
      ignoreInitial: true,
      atomic: true,
      ignored: (path) =>
        relative(this.root, path)
          .split(sep)
          .some((part) => NOT_CODE.has(part)),
    });
    this.watcher = watcher;
    watcher.on('all', () => {
      clearTimeout(this.timer);
      // Editors write a file in several steps: take the code once they are done.
      this.timer = setTimeout(onChanged, 20);
    });
    return watcherReady(watcher);
  }

  async dispose(): Promise<void> {
    clearTimeout(this.timer);
    await this.watcher?.close();
  }
}
