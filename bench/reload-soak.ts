import { appendFileSync, cpSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startEmulator, stop } from './processes';
import { scratchDir } from './scratch-dirs';
import { median, printTable, verdict } from './stats';

const REQUESTS = 100_000;
const SAVE_EVERY_MS = 2000;
const CONNECTIONS = 50;

/**
 * 100,000 requests to a function while its source is saved every 2 s: each save rebuilds it and
 * retires its instances under load. A reload must fail no request. The fixture template is copied,
 * so no file of the project is touched.
 */
export async function benchReloadSoak(): Promise<void> {
  const dir = scratchDir('bench-soak');
  cpSync(join('tests', 'fixtures', 'emulator'), dir, { recursive: true });
  const server = await startEmulator(join(dir, 'template.yaml'));
  const source = join(dir, 'functions', 'echo.ts');
  let saves = 0;
  const saver = setInterval(() => {
    appendFileSync(source, `// save ${++saves}\n`);
  }, SAVE_EVERY_MS);
  const started = performance.now();
  try {
    const result = await autocannon({
      url: `${server.url}/echo?omitBody=1`,
      connections: CONNECTIONS,
      amount: REQUESTS,
    });
    const seconds = (performance.now() - started) / 1000;
    const output = readFileSync(server.outputPath, 'utf8');
    const rebuilds = output.split('\n').filter((line) => line.startsWith('EchoFunction rebuilt')).length;
    const failed = result.non2xx + result.errors + result.timeouts;
    printTable(
      `Hot reload under load (${REQUESTS} requests, ${CONNECTIONS} connections, a save of the function every ${SAVE_EVERY_MS / 1000} s)`,
      [
        ['requests', 'seconds', 'saves', 'rebuilds', 'non-2xx + errors', 'verdict'],
        [
          String(result.requests.total),
          seconds.toFixed(1),
          String(saves),
          String(rebuilds),
          String(failed),
          verdict(failed === 0 && rebuilds > 0, '0 failed, with rebuilds'),
        ],
      ],
    );
    clearInterval(saver);
    await timeSaveToAnswer(server.url, join(dir, 'functions', 'throws.ts'));
  } finally {
    clearInterval(saver);
    await stop(server.child);
  }
}

/** From an editor's save (a rename over the file) to the first answer from the new code, 5 times. */
async function timeSaveToAnswer(url: string, source: string): Promise<void> {
  const times: number[] = [];
  let oldAfterNew = 0;
  for (let save = 1; save <= 5; save++) {
    const body = `version ${save}`;
    const temp = `${source}.swp`;
    writeFileSync(temp, `export const handler = async () => ({ statusCode: 200, body: '${body}' });\n`);
    const saved = performance.now();
    renameSync(temp, source);
    while ((await (await fetch(`${url}/throws`)).text()) !== body) {
      if (performance.now() - saved > 10_000) throw new Error('the new code did not answer within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    times.push(performance.now() - saved);
    // Once the new code has answered, no request may get the old code again.
    for (let check = 0; check < 20; check++)
      if ((await (await fetch(`${url}/throws`)).text()) !== body) oldAfterNew++;
  }
  const middle = median(times);
  printTable('Save to the first answer from the new code (rename-over saves, polled every 5 ms)', [
    ['ms by save', 'median ms', 'old code after new (of 100)', 'verdict'],
    [
      times.map((ms) => ms.toFixed(0)).join(' '),
      middle.toFixed(0),
      String(oldAfterNew),
      verdict(middle < 80 && oldAfterNew === 0, '< 80 ms, 0 old'),
    ],
  ]);
}
