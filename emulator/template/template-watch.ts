import { FileWatch } from '../shared/file-watch';
import { fileState, SettledSaves } from '../shared/settled-saves';

/**
 * Calls onSave after each save of the template that is done, however the editor saves it (in place,
 * or a new file renamed over it): never on a file half-written. Resolves once the file is watched,
 * so that no save after start-up is missed.
 */
export async function watchTemplate(
  path: string,
  onSave: () => void,
): Promise<{ close: () => Promise<void> }> {
  const saves = new SettledSaves(
    () => fileState(path),
    () => {
      onSave();
      return undefined;
    },
  );
  const watch = new FileWatch([path], () => {
    saves.changed();
  });
  await watch.ready;
  return {
    close: async () => {
      saves.dispose();
      await watch.close();
    },
  };
}
