import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { SettledSaves, type SavedState } from '../../shared/settled-saves';
import { watcherReady } from '../../shared/watcher-ready';
import type { FunctionCodeSource } from './code-source';

/** Folders whose changes are not the function's code being edited. */
const NOT_CODE = new Set(['node_modules', '.git', '.aws-sam']);

/** Beyond this many files a copy per save costs more than it protects: the folder runs as it is. */
export const MAX_SNAPSHOT_FILES = 5000;

/** How many times a copy is taken again because a file changed while it was copied. */
const MAX_COPY_ROUNDS = 5;

/**
 * A function without a build method runs from its CodeUri as sam build copies it. Each settled
 * version is copied to a folder of its own (its `node_modules` linked, not copied), and instances
 * load that copy: a save in progress is never read half-written by a starting instance, and the
 * instances of the old code keep theirs, as a Lambda version's code never changes under it.
 */
export class CodeFolder implements FunctionCodeSource {
  private watcher: FSWatcher | undefined;
  private saves: SettledSaves | undefined;
  private copies = 0;
  root: string;
  /** Why the code runs from the folder itself rather than from copies, if it does. */
  readonly note?: string;

  constructor(
    private readonly source: string,
    private readonly buildDir: string,
  ) {
    const files = codeFiles(source, MAX_SNAPSHOT_FILES + 1);
    if (files.length > MAX_SNAPSHOT_FILES) {
      this.note = `its CodeUri holds more than ${MAX_SNAPSHOT_FILES} files besides node_modules, so instances load it as it is on disk and one starting during a save may read a file half-written`;
      this.root = source;
    } else {
      [this.root] = this.copy();
    }
  }

  watch(onChanged: () => void, onFailed: (error: Error) => void): Promise<void> {
    const watcher = watch(this.source, {
      ignoreInitial: true,
      atomic: true,
      ignored: (path) =>
        relative(this.source, path)
          .split(sep)
          .some((part) => NOT_CODE.has(part)),
    });
    this.watcher = watcher;
    this.saves = new SettledSaves(
      () => folderState(this.source),
      () => {
        let copied: string | undefined;
        try {
          if (this.note === undefined) [this.root, copied] = this.copy();
          onChanged();
        } catch (error) {
          onFailed(error as Error);
        }
        return copied;
      },
    );
    watcher.on('all', () => {
      this.saves?.changed();
    });
    return watcherReady(watcher);
  }

  /** A complete copy: taken again if a file changed while it was copied. */
  private copy(): [folder: string, fingerprint: string] {
    for (let round = 1; ; round++) {
      const before = folderState(this.source).fingerprint;
      const folder = join(this.buildDir, `code-${++this.copies}`);
      mkdirSync(this.buildDir, { recursive: true });
      cpSync(this.source, folder, {
        recursive: true,
        filter: (path) => !NOT_CODE.has(relative(this.source, path).split(sep)[0] ?? ''),
      });
      const modules = join(this.source, 'node_modules');
      if (existsSync(modules)) symlinkSync(modules, join(folder, 'node_modules'), 'junction');
      if (round === MAX_COPY_ROUNDS || folderState(this.source).fingerprint === before)
        return [folder, before];
      rmSync(folder, { recursive: true, force: true });
    }
  }

  async dispose(): Promise<void> {
    this.saves?.dispose();
    await this.watcher?.close();
  }
}

/** The code's files (node_modules and the like left out), at most `limit` of them. */
function codeFiles(root: string, limit: number): string[] {
  const files: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (files.length >= limit) return;
      if (dir === root && NOT_CODE.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else files.push(path);
    }
  };
  visit(root);
  return files;
}

/**
 * Each file's size and modification time (equal before and after a copy when nothing was written
 * meanwhile), and the newest modification time.
 */
function folderState(root: string): SavedState {
  let newestMs = 0;
  const fingerprint = codeFiles(root, MAX_SNAPSHOT_FILES + 1)
    .map((path) => {
      const stat = lstatSync(path, { throwIfNoEntry: false });
      newestMs = Math.max(newestMs, stat?.mtimeMs ?? 0);
      return `${path}:${stat?.size ?? -1}:${stat?.mtimeMs ?? -1}`;
    })
    .join('\n');
  return { fingerprint, newestMs };
}
