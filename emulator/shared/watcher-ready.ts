import type { FSWatcher } from 'chokidar';

/** Resolves once chokidar has scanned what it watches: a change before that could be missed. */
export function watcherReady(watcher: FSWatcher): Promise<void> {
  return new Promise((resolve) => {
    watcher.once('ready', () => {
      resolve();
    });
  });
}
