import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { watcherReady } from './watcher-ready';

/**
 * Watches files through their folders. chokidar's watch of a file is lost when a new file is renamed
 * over it (JetBrains' safe write, vim's backup mode, formatters) while another watcher in the process
 * watches the same file, and a file's watch is shared between watchers: after one such save neither
 * hears a change again. A folder's watch survives any save of the files in it.
 */
export class FileWatch {
  private readonly files = new Set<string>();
  private readonly folders = new Set<string>();
  private readonly watcher: FSWatcher;
  /** Resolves once the first files are watched: a change before that could be missed. */
  readonly ready: Promise<void>;

  /** Each followed file as last heard: a save changes it, another event for the same save does not. */
  private readonly seen = new Map<string, string>();

  constructor(files: Iterable<string>, onChange: (file: string) => void) {
    this.watcher = watch(this.follow(files), { ignoreInitial: true, atomic: true, depth: 0 });
    const heard = (file: string): void => {
      if (!this.files.has(file)) return;
      const state = stateOf(file);
      if (this.seen.get(file) === state) return;
      this.seen.set(file, state);
      onChange(file);
    };
    this.watcher.on('all', (_event, path) => {
      heard(resolve(path));
    });
    // Every event the folders' watches see, too: chokidar emits at most one change per file in
    // 50 ms and drops the others, so a save right after another (a formatter renaming its output
    // over a file just written) was lost. The file's state tells a new save from the same one heard
    // twice.
    this.watcher.on('raw', (_event: string, name: unknown, details: unknown) => {
      const watched = (details as { watchedPath?: unknown } | undefined)?.watchedPath;
      if (typeof watched !== 'string' || typeof name !== 'string' || name === '') return;
      heard(this.folders.has(resolve(watched)) ? resolve(watched, name) : resolve(watched));
    });
    this.ready = watcherReady(this.watcher);
  }

  /** From now on, these files (and no others) are followed. */
  set(files: Iterable<string>): void {
    const added = this.follow(files);
    if (added.length > 0) this.watcher.add(added);
  }

  /** Takes these files as the ones followed; returns the folders not watched yet. */
  private follow(files: Iterable<string>): string[] {
    this.files.clear();
    for (const file of files) {
      const path = resolve(file);
      this.files.add(path);
      if (!this.seen.has(path)) this.seen.set(path, stateOf(path));
    }
    const added = [...new Set([...this.files].map((file) => dirname(file)))].filter(
      (folder) => !this.folders.has(folder),
    );
    for (const folder of added) this.folders.add(folder);
    return added;
  }

  close(): Promise<void> {
    return this.watcher.close();
  }
}

/** A file's identity and last write (a rename over it changes the inode, a write the time or size). */
function stateOf(file: string): string {
  try {
    const { ino, size, mtimeMs } = statSync(file);
    return `${ino}:${size}:${mtimeMs}`;
  } catch {
    return 'missing';
  }
}
