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

  constructor(files: Iterable<string>, onChange: (file: string) => void) {
    this.watcher = watch(this.follow(files), { ignoreInitial: true, atomic: true, depth: 0 });
    this.watcher.on('all', (_event, path) => {
      const file = resolve(path);
      if (this.files.has(file)) onChange(file);
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
    for (const file of files) this.files.add(resolve(file));
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
