import { cpSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, stop } from './processes';
import { scratchDir } from './scratch-dirs';
import { median, printTable, verdict } from './stats';

const SAVES = 5;
/** Saves a second apart, as a developer makes them (not back to back). */
const BETWEEN_SAVES_MS = 1000;
/** After the new code's first answer, this many more requests, none of which may get older code. */
const CHECKS_AFTER = 20;

interface Timed {
  times: number[];
  /** Answers from older code after the new code had answered. */
  stale: number;
}

/**
 * The edit-and-try loop on a copy of the project: a save of a file both functions bundle (in place,
 * and two renamed-over saves in a row), and an edit of template.yaml, each timed from the save to the
 * first answer that shows it.
 */
export async function benchDailyLoop(): Promise<void> {
  const dir = scratchDir('bench-daily');
  cpSync('hello-world', join(dir, 'hello-world'), {
    recursive: true,
    filter: (path) => !path.includes('node_modules'),
  });
  cpSync('template.yaml', join(dir, 'template.yaml'));
  const server = await startEmulator(join(dir, 'template.yaml'));
  const shared = join(dir, 'hello-world', 'greeting.ts');
  const original = readFileSync(shared, 'utf8');
  const greeting = async (path = '/helloworld'): Promise<string> =>
    (await fetch(`${server.url}${path}`)).text();
  try {
    const inPlace = await timed('in place', SAVES, (save) => {
      const word = `InPlace${save}`;
      writeFileSync(shared, original.replace('Good ', `${word} `));
      return async () => (await greeting()).includes(`${word} day`);
    });
    const renamed = await timed(
      'renamed over',
      SAVES * 2,
      (save) => {
        const word = `Renamed${save}`;
        writeFileSync(`${shared}.tmp`, original.replace('Good ', `${word} `));
        renameSync(`${shared}.tmp`, shared);
        return async () => (await greeting()).includes(`${word} day`);
      },
      2,
    );
    const templatePath = join(dir, 'template.yaml');
    const template = readFileSync(templatePath, 'utf8');
    const edited = await timed('template', SAVES, (save) => {
      writeFileSync(templatePath, template.replace('Path: /helloworld', `Path: /edited${save}`));
      return async () => (await fetch(`${server.url}/edited${save}`)).status === 200;
    });
    const row = (label: string, { times, stale }: Timed, targetMs: number): string[] => [
      label,
      times.map((ms) => ms.toFixed(0)).join(' '),
      median(times).toFixed(0),
      String(stale),
      verdict(median(times) < targetMs && stale === 0, `< ${targetMs} ms, 0 stale`),
    ];
    printTable(
      `The daily loop: from a save to the first answer that shows it (polled every 5 ms; ${BETWEEN_SAVES_MS / 1000} s between saves, or pairs of saves)`,
      [
        ['', 'ms by save', 'median ms', 'stale answers after', 'verdict'],
        row('in-place save of a file two functions share', inPlace, 80),
        row('renamed-over saves of that file, two in a row (by pair)', renamed, 80),
        row('template.yaml edit (a route changed)', edited, 300),
      ],
    );
  } catch (error) {
    // What the server said is what explains a save that never showed.
    const said = readFileSync(server.outputPath, 'utf8')
      .split('\n')
      .filter((line) => !line.startsWith('GET '))
      .slice(-20);
    throw new Error(`${(error as Error).message}; the server's last lines:\n${said.join('\n')}`, {
      cause: error,
    });
  } finally {
    await stop(server.child);
  }
}

/**
 * Makes `count` saves; for each, `save` writes and gives the check that the new version answers.
 * After it first does, CHECKS_AFTER more requests must all answer from it. Saves come `inARow` at
 * a time, each as soon as the one before shows, then a pause.
 */
async function timed(
  label: string,
  count: number,
  save: (index: number) => () => Promise<boolean>,
  inARow = 1,
): Promise<Timed> {
  const times: number[] = [];
  let stale = 0;
  for (let index = 1; index <= count; index++) {
    const saved = performance.now();
    const shows = save(index);
    while (!(await shows())) {
      if (performance.now() - saved > 10_000)
        throw new Error(`${label}: save ${index} did not show within 10 s`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    times.push(performance.now() - saved);
    for (let check = 0; check < CHECKS_AFTER; check++) if (!(await shows())) stale++;
    if (index % inARow === 0) await new Promise((resolve) => setTimeout(resolve, BETWEEN_SAVES_MS));
  }
  return { times, stale };
}
