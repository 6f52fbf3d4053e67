import { FileWatch } from '../../shared/file-watch';
import { fileState, SettledSaves } from '../../shared/settled-saves';
import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { FunctionCodeSource } from './code-source';

/**
 * A function whose CodeUri names one file: packaged, that file is the whole code (the package step
 * zips it alone), so it runs from a folder holding a copy of it and nothing else. Each save is copied
 * to a folder of its own, so instances of the old code keep theirs.
 */
export class SingleFileCode implements FunctionCodeSource {
  private files: FileWatch | undefined;
  private saves: SettledSaves | undefined;
  private copies = 0;
  root = '';

  constructor(
    private readonly file: string,
    private readonly buildDir: string,
  ) {
    this.copy();
  }

  private copy(): void {
    const folder = join(this.buildDir, `code-${++this.copies}`);
    mkdirSync(folder, { recursive: true });
    copyFileSync(this.file, join(folder, basename(this.file)));
    this.root = folder;
  }

  watch(onChanged: () => void, onFailed: (error: Error) => void): Promise<void> {
    // Copied once a save is done (the same rule as a CodeUri folder's), never half-written.
    const saves = new SettledSaves(
      () => fileState(this.file),
      () => {
        try {
          this.copy();
          onChanged();
        } catch (error) {
          onFailed(error as Error);
        }
        return undefined;
      },
    );
    const files = new FileWatch([this.file], () => {
      saves.changed();
    });
    this.saves = saves;
    this.files = files;
    return files.ready;
  }

  async dispose(): Promise<void> {
    this.saves?.dispose();
    await this.files?.close();
  }
}
