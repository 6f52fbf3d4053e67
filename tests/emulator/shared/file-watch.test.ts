import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileWatch } from '../../../emulator/shared/file-watch';
import { eventually } from '../../support/local-api';
import { tempDir } from '../../support/temp-dirs';

// Two functions that bundle one file each watch it: with chokidar's watch of the file itself, both
// went deaf after the first save that renamed a new file over it.
it('hears every save of a file two watchers follow, renamed over three times in a row and then in place', async () => {
  const dir = tempDir('file-watch');
  const file = join(dir, 'greeting.ts');
  writeFileSync(file, 'v0');
  const heard: [string[], string[]] = [[], []];
  const watches = heard.map((list) => new FileWatch([file], (changed) => list.push(changed)));
  try {
    await Promise.all(watches.map((watch) => watch.ready));
    for (let save = 1; save <= 4; save++) {
      if (save < 4) {
        writeFileSync(`${file}.tmp`, `v${save}`);
        renameSync(`${file}.tmp`, file);
      } else writeFileSync(file, `v${save}`);
      await eventually(() => heard.every((list) => list.length >= save));
      // Spaced apart, so that each save is its own event and not merged with the next.
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    expect(heard.map((list) => list.length)).toEqual([4, 4]);
    expect(new Set(heard.flat())).toEqual(new Set([file]));
  } finally {
    await Promise.all(watches.map((watch) => watch.close()));
  }
});

// chokidar emits at most one change per file in 50 ms and drops the others: a formatter renaming
// its output over a file just saved was missed, and the function kept its old build.
it('hears a save that comes right after the previous one was heard', async () => {
  const dir = tempDir('file-watch');
  const file = join(dir, 'handler.ts');
  writeFileSync(file, 'v0');
  const heard: string[] = [];
  const watch = new FileWatch([file], (changed) => heard.push(changed));
  try {
    await watch.ready;
    for (let round = 1; round <= 3; round++) {
      const before = heard.length;
      writeFileSync(file, `in place ${round}`);
      await eventually(() => heard.length > before, 5_000);
      writeFileSync(`${file}.tmp`, `renamed over ${round}`);
      renameSync(`${file}.tmp`, file);
      const afterFirst = heard.length;
      await eventually(() => heard.length > afterFirst, 5_000);
    }
  } finally {
    await watch.close();
  }
});
