import { FileWatch } from '../../shared/file-watch';
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
  private timer: NodeJS.Timeout | undefined;
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
    const files = new FileWatch([this.file], () => {
      clearTimeout(this.timer);
      // Editors write a file in several steps: copy it once they are done.
      this.timer = setTimeout(() => {
        try {
          this.copy();
          onChanged();
        } catch (error) {
          onFailed(error as Error);
        }
      }, 20);
    });
    this.files = files;
    return files.ready;
  }

  async dispose(): Promise<void> {
    clearTimeout(this.timer);
    await this.files?.close();
  }
}
