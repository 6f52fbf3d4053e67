import { cpSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, startApi } from '../../support/local-api';
import { tempDir } from '../../support/temp-dirs';

jest.setTimeout(60_000);

// A file both of the project's functions bundle (hello-world/greeting.ts), saved the ways editors save:
// renamed over, vim's backup mode, JetBrains' safe write, then in place; every save must show.
it('follows every save of a file two functions share, whichever way an editor writes it', async () => {
  const copy = join(tempDir('shared'), 'app');
  const root = join(__dirname, '..', '..', '..');
  cpSync(join(root, 'hello-world'), join(copy, 'hello-world'), {
    recursive: true,
    filter: (s) => !s.includes('node_modules'),
  });
  cpSync(join(root, 'template.yaml'), join(copy, 'template.yaml'));
  const api = await startApi(join(copy, 'template.yaml'), { watch: true });
  const file = join(copy, 'hello-world', 'greeting.ts');
  const original = readFileSync(file, 'utf8');
  try {
    for (const [index, word] of ['Hi', 'Hey', 'Howdy', 'Hallo', 'Hej', 'Yo'].entries()) {
      const text = original.replace('Good ', `${word} `);
      if (index % 3 === 0) {
        writeFileSync(`${file}.tmp`, text);
        renameSync(`${file}.tmp`, file);
      } else if (index % 3 === 1) {
        // vim's backup mode: the original moved aside, a new file written, the backup removed.
        renameSync(file, `${file}~`);
        writeFileSync(file, text);
        unlinkSync(`${file}~`);
      } else {
        // JetBrains' safe write.
        writeFileSync(`${file}___jb_tmp___`, text);
        renameSync(file, `${file}___jb_old___`);
        renameSync(`${file}___jb_tmp___`, file);
        unlinkSync(`${file}___jb_old___`);
      }
      await eventually(
        async () => (await (await fetch(`${api.url}/helloworld`)).text()).includes(`${word} day`),
        8000,
      );
    }
  } finally {
    await api.close();
  }
});
