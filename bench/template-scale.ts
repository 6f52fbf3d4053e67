import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stop } from './processes';
import { scratchDir } from './scratch-dirs';
import { measuredLoad } from './measured-load';
import { median, printTable, ratio, verdict } from './stats';

const SIZES = [1, 200];
const RUNS = 3;

/** A template of `count` inline functions, each behind a route of its own. */
function templateOf(count: number): string {
  const functions = Array.from(
    { length: count },
    (_, index) => `  F${index}:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: "exports.handler = async () => ({ statusCode: 200, body: 'f${index}' });"
      Events:
        Get: { Type: Api, Properties: { Path: /f${index}, Method: GET } }
`,
  );
  return `Transform: AWS::Serverless-2016-10-31
Globals:
  Function: { Runtime: nodejs22.x, Handler: index.handler }
Resources:
${functions.join('')}`;
}

/** The resident memory of a process, in MB, from /proc. */
function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

/**
 * Start-up and memory as the template grows: from starting the server to the first 200 on its last
 * route, and the server's resident memory once every function has started, for 1 and 200 functions.
 */
export async function benchTemplateScale(): Promise<void> {
  const rows: { count: number; ms: number; mb: number; us: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    // Alternating sizes, so that a drift of the machine's speed weighs on both.
    for (const count of SIZES) {
      const dir = scratchDir('bench-scale');
      writeFileSync(join(dir, 'template.yaml'), templateOf(count));
      const outputPath = join(dir, 'output.log');
      const output = openSync(outputPath, 'w');
      const port = 39_200 + run * 10 + SIZES.indexOf(count);
      const started = performance.now();
      const child = spawn(
        process.execPath,
        [
          'emulator/launch.mjs',
          'start-api',
          '--port',
          String(port),
          '--template',
          join(dir, 'template.yaml'),
        ],
        { stdio: ['ignore', output, 'inherit'] },
      );
      closeSync(output);
      try {
        const last = `http://127.0.0.1:${port}/Prod/f${count - 1}`;
        while (
          (await fetch(last).then(
            (response) => response.status,
            () => 0,
          )) !== 200
        ) {
          if (performance.now() - started > 60_000) throw new Error(`${count} functions: no 200 within 60 s`);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        const ms = performance.now() - started;
        // Memory once start-up is done (every function built, and started if it starts at once).
        while (!readFileSync(outputPath, 'utf8').includes('Ctrl-C stops'))
          await new Promise((resolve) => setTimeout(resolve, 20));
        const mb = rssMb(child.pid ?? 0);
        // Per-request CPU on the last route: the route index keeps it flat as routes grow.
        const load = await measuredLoad({
          url: last,
          pid: child.pid ?? 0,
          connections: 10,
          durationS: 3,
          rate: 1000,
        });
        rows.push({ count, ms, mb, us: load.mainUs + load.othersUs });
      } finally {
        await stop(child);
      }
    }
  }
  const of = (count: number, measure: (row: { ms: number; mb: number; us: number }) => number): number =>
    median(rows.filter((row) => row.count === count).map(measure));
  const [small = 1, large = 200] = SIZES;
  const msRatio = of(large, ({ ms }) => ms) / of(small, ({ ms }) => ms);
  const mbRatio = of(large, ({ mb }) => mb) / of(small, ({ mb }) => mb);
  printTable(`Template size: 1 function beside ${large} (median of ${RUNS} alternating runs)`, [
    ['', `${small} function`, `${large} functions`, 'ratio', 'verdict'],
    [
      'start to the first 200 on the last route, ms',
      of(small, ({ ms }) => ms).toFixed(0),
      of(large, ({ ms }) => ms).toFixed(0),
      ratio(
        of(large, ({ ms }) => ms),
        of(small, ({ ms }) => ms),
      ),
      verdict(msRatio <= 1.5, '<= 1.5x'),
    ],
    [
      'resident memory once started, MB',
      of(small, ({ mb }) => mb).toFixed(0),
      of(large, ({ mb }) => mb).toFixed(0),
      ratio(
        of(large, ({ mb }) => mb),
        of(small, ({ mb }) => mb),
      ),
      verdict(mbRatio <= 2, '<= 2x'),
    ],
    [
      'CPU µs per request on the last route (1,000 requests/s)',
      of(small, ({ us }) => us).toFixed(1),
      of(large, ({ us }) => us).toFixed(1),
      ratio(
        of(large, ({ us }) => us),
        of(small, ({ us }) => us),
      ),
      '',
    ],
  ]);
}
