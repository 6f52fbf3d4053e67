import { watch, type FSWatcher } from 'chokidar';
import { watcherReady } from '../shared/watcher-ready';

/**
 * Calls onChange after each save of the template, however the editor saves it (in place, or a new
 * file renamed over it). Resolves once the file is watched, so that no save after start-up is missed.
 */
export async function watchTemplate(path: string, onChange: () => void): Promise<FSWatcher> {
  const watcher = watch(path, { ignoreInitial: true, atomic: true });
  watcher.on('change', onChange).on('add', onChange);
  await watcherReady(watcher);
  return watcher;
}
