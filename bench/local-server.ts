import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { measuredLoad, type MeasuredLoad } from './measured-load';
import { startEmulator, startServer, stop } from './processes';
import { median, printTable, ratio, verdict } from './stats';

const PATH = '/helloworld?name=John&city=Seattle';
/** The tests' HTTP API app: a payload 2.0 route answering a plain string. */
const HTTP_API_APP = 'tests/fixtures/apps/http-apis/template.yaml';
const HTTP_API_PATH = '/string';
const DURATION_S = 10;
const CONNECTIONS = 50;
/**
 * Rounds that alternate the two servers. A shared machine's speed drifts by a third within minutes,
 * so each round's ratio compares two loads taken a few seconds apart, and the verdict is their median.
 */
const ROUNDS = 5;

/** A bounded load over loopback only: DURATION_S seconds, CONNECTIONS connections, after a 2 s warm-up. */
const load = (url: string, pid: number, path = PATH): Promise<MeasuredLoad> =>
  measuredLoad({ url: `${url}${path}`, pid, connections: CONNECTIONS, durationS: DURATION_S, warmUpS: 2 });

/** The tests' app of functions written every way users write them: no build, ES modules, layers, the SDK. */
const FUNCTIONS_APP = 'tests/fixtures/apps/functions/template.yaml';

/** Time from `npm start` to the first 200 on the tutorial's curl, in ms. */
async function timeToFirst200(port: number, template = 'template.yaml', path = PATH): Promise<number> {
  const started = performance.now();
  const child = spawn('npm', ['start', '--', '--port', String(port), '--template', template], {
    stdio: 'ignore',
    detached: true,
  });
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}${path}`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ok) return performance.now() - started;
      if (performance.now() - started > 20_000) throw new Error('npm start did not answer within 20 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    process.kill(-(child.pid ?? 0), 'SIGTERM'); // npm and the server it started
    await once(child, 'exit');
  }
}

/** The median of the rounds' ratios, local over bare, of one measure. */
function medianRatio(
  local: MeasuredLoad[],
  bare: MeasuredLoad[],
  measure: (load: MeasuredLoad) => number,
): number {
  return median(local.map((round, index) => measure(round) / measure(bare[index] ?? round)));
}

const errorsOf = (rounds: MeasuredLoad[]): number => rounds.reduce((sum, { failures }) => sum + failures, 0);

export async function benchLocalServer(): Promise<void> {
  const bare = await startServer([...process.execArgv, 'bench/bare-server.ts']);
  const local = await startServer(['emulator/launch.mjs', 'start-api', '--port', '0']);
  const httpApi = await startEmulator(HTTP_API_APP);
  const bareRounds: MeasuredLoad[] = [];
  const localRounds: MeasuredLoad[] = [];
  const httpRounds: MeasuredLoad[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      bareRounds.push(await load(bare.url, pidOf(bare.child)));
      localRounds.push(await load(local.url, pidOf(local.child)));
      httpRounds.push(await load(httpApi.url, pidOf(httpApi.child), HTTP_API_PATH));
    }
  } finally {
    await Promise.all([stop(bare.child), stop(local.child), stop(httpApi.child)]);
  }
  const httpRatio = medianRatio(httpRounds, bareRounds, ({ rps }) => rps);
  const httpErrors = errorsOf(httpRounds);
  const rpsRatio = medianRatio(localRounds, bareRounds, ({ rps }) => rps);
  const p99Ratio = medianRatio(localRounds, bareRounds, ({ p99 }) => p99);
  const localErrors = errorsOf(localRounds);
  const title =
    `Local API under load (autocannon, ${DURATION_S} s, ${CONNECTIONS} connections, GET ${PATH}; ` +
    `${ROUNDS} alternating rounds, verdicts on the median of the rounds' ratios)`;
  const byRound = (rounds: MeasuredLoad[], measure: (load: MeasuredLoad) => number): string =>
    rounds.map((round) => measure(round).toFixed(0)).join(' ');
  const ratios = (measure: (load: MeasuredLoad) => number): string =>
    localRounds.map((round, index) => ratio(measure(round), measure(bareRounds[index] ?? round))).join(' ');
  printTable(title, [
    ['', 'npm start', 'bare node:http', 'ratio by round', 'median ratio', 'verdict'],
    [
      'requests/s',
      byRound(localRounds, ({ rps }) => rps),
      byRound(bareRounds, ({ rps }) => rps),
      ratios(({ rps }) => rps),
      `${rpsRatio.toFixed(2)}x`,
      verdict(rpsRatio >= 0.5, '>= 0.50x'),
    ],
    [
      'p99 latency ms',
      byRound(localRounds, ({ p99 }) => p99),
      byRound(bareRounds, ({ p99 }) => p99),
      ratios(({ p99 }) => p99),
      `${p99Ratio.toFixed(2)}x`,
      verdict(p99Ratio <= 3, '<= 3x'),
    ],
    [
      `HTTP API requests/s (GET ${HTTP_API_PATH})`,
      byRound(httpRounds, ({ rps }) => rps),
      byRound(bareRounds, ({ rps }) => rps),
      httpRounds.map((round, index) => ratio(round.rps, bareRounds[index]?.rps ?? round.rps)).join(' '),
      `${httpRatio.toFixed(2)}x`,
      verdict(httpRatio >= 0.5 && httpErrors === 0, '>= 0.50x, 0 errors'),
    ],
    [
      'CPU µs per request, main thread',
      byRound(localRounds, ({ mainUs }) => mainUs),
      byRound(bareRounds, ({ mainUs }) => mainUs),
      ratios(({ mainUs }) => mainUs),
      `${medianRatio(localRounds, bareRounds, ({ mainUs }) => mainUs).toFixed(2)}x`,
      'compare with the previous commit',
    ],
    [
      'CPU µs per request, function threads',
      byRound(localRounds, ({ othersUs }) => othersUs),
      byRound(bareRounds, ({ othersUs }) => othersUs),
      '',
      `${median(localRounds.map(({ othersUs }) => othersUs)).toFixed(1)} µs`,
      'compare with the previous commit',
    ],
    [
      'HTTP API CPU µs per request (main + function threads)',
      byRound(httpRounds, ({ mainUs, othersUs }) => mainUs + othersUs),
      '',
      '',
      `${median(httpRounds.map(({ mainUs, othersUs }) => mainUs + othersUs)).toFixed(1)} µs`,
      'compare with the previous commit',
    ],
    [
      'errors + non-2xx',
      String(localErrors),
      String(errorsOf(bareRounds)),
      '',
      '',
      verdict(localErrors === 0, '0'),
    ],
  ]);

  const starts: number[] = [];
  for (let run = 0; run < 5; run++) starts.push(await timeToFirst200(39_000 + run));
  const start = median(starts);
  const appStarts: number[] = [];
  for (let run = 0; run < 3; run++)
    appStarts.push(await timeToFirst200(39_100 + run, FUNCTIONS_APP, '/layer-esm'));
  const appStart = median(appStarts);
  printTable('Start-up', [
    ['', 'ms (median of 5; the app: of 3)', 'verdict'],
    ['npm start to first 200', start.toFixed(0), verdict(start < 1000, '< 1000 ms')],
    [
      "the same for the tests' app of 17 functions (ESM, layers, SDK)",
      appStart.toFixed(0),
      verdict(appStart < 3000, '< 3000 ms'),
    ],
  ]);
}

function pidOf(child: { pid?: number | undefined }): number {
  if (child.pid === undefined) throw new Error('the server has no process id');
  return child.pid;
}
