import { spawn } from 'node:child_process';
import { once } from 'node:events';
import autocannon from 'autocannon';
import { startServer, stop } from './processes';
import { median, printTable, ratio, verdict } from './stats';

const PATH = '/helloworld?name=John&city=Seattle';
const DURATION_S = 10;
const CONNECTIONS = 50;
/** Rounds that alternate the two servers, so that a noisy neighbour weighs on both alike. */
const ROUNDS = 3;

interface Load {
  rps: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** A bounded load over loopback only: DURATION_S seconds, CONNECTIONS connections. */
async function load(url: string): Promise<Load> {
  await autocannon({ url: `${url}${PATH}`, connections: CONNECTIONS, duration: 2 }); // warm-up
  const result = await autocannon({ url: `${url}${PATH}`, connections: CONNECTIONS, duration: DURATION_S });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Time from `npm start` to the first 200 on the tutorial's curl, in ms. */
async function timeToFirst200(port: number): Promise<number> {
  const started = performance.now();
  const child = spawn('npm', ['start', '--', '--port', String(port)], { stdio: 'ignore', detached: true });
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}${PATH}`).then(
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

/** The median round's requests/s and p99, and every error of every round. */
function combine(rounds: Load[]): Load {
  return {
    rps: median(rounds.map(({ rps }) => rps)),
    p99: median(rounds.map(({ p99 }) => p99)),
    errors: rounds.reduce((sum, { errors }) => sum + errors, 0),
    non2xx: rounds.reduce((sum, { non2xx }) => sum + non2xx, 0),
  };
}

export async function benchLocalServer(): Promise<void> {
  const bare = await startServer([...process.execArgv, 'bench/bare-server.ts']);
  const local = await startServer(['local/launch.mjs', 'cli.ts', '--port', '0']);
  const bareRounds: Load[] = [];
  const localRounds: Load[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      bareRounds.push(await load(bare.url));
      localRounds.push(await load(local.url));
    }
  } finally {
    await Promise.all([stop(bare.child), stop(local.child)]);
  }
  const bareLoad = combine(bareRounds);
  const localLoad = combine(localRounds);

  const rpsOk = localLoad.rps >= bareLoad.rps / 2;
  const p99Ok = localLoad.p99 <= bareLoad.p99 * 3;
  const errorsOk = localLoad.errors + localLoad.non2xx === 0;
  const title =
    `Local API under load (autocannon, ${DURATION_S} s, ${CONNECTIONS} connections, GET ${PATH}; ` +
    `median of ${ROUNDS} alternating rounds)`;
  printTable(title, [
    ['', 'npm start', 'bare node:http', 'ratio', 'verdict'],
    [
      'requests/s',
      localLoad.rps.toFixed(0),
      bareLoad.rps.toFixed(0),
      ratio(localLoad.rps, bareLoad.rps),
      verdict(rpsOk, '>= 0.50x'),
    ],
    [
      'p99 latency ms',
      String(localLoad.p99),
      String(bareLoad.p99),
      ratio(localLoad.p99, bareLoad.p99),
      verdict(p99Ok, '<= 3x'),
    ],
    [
      'errors + non-2xx',
      String(localLoad.errors + localLoad.non2xx),
      String(bareLoad.errors + bareLoad.non2xx),
      '',
      verdict(errorsOk, '0'),
    ],
    [
      'requests/s by round',
      localRounds.map(({ rps }) => rps.toFixed(0)).join(' '),
      bareRounds.map(({ rps }) => rps.toFixed(0)).join(' '),
      localRounds.map(({ rps }, index) => ratio(rps, bareRounds[index]?.rps ?? NaN)).join(' '),
      '',
    ],
  ]);

  const starts: number[] = [];
  for (let run = 0; run < 3; run++) starts.push(await timeToFirst200(39_000 + run));
  const start = median(starts);
  printTable('Start-up', [
    ['', 'ms (median of 3)', 'verdict'],
    ['npm start to first 200', start.toFixed(0), verdict(start < 1500, '< 1500 ms')],
  ]);
}
