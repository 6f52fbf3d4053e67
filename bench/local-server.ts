import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import autocannon from 'autocannon';
import { printTable, ratio, verdict, median } from './stats';

const PATH = '/helloworld?name=John&city=Seattle';
const DURATION_S = 10;
const CONNECTIONS = 50;

interface Load {
  rps: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/**
 * Starts a TypeScript server script in one process (this process's own tsx loader, no npx layer to
 * outlive a kill) and resolves with its base URL once it prints one.
 */
async function startServer(
  script: string,
  args: string[] = [],
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [...process.execArgv, script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    // The listener stays for the child's life, draining its access log so that it never blocks.
    child.stdout.on('data', (chunk: Buffer) => {
      if (output.length > 10_000) return;
      output += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(output)?.[0];
      if (url !== undefined) resolve({ url, child });
    });
    child.on('exit', () => {
      reject(new Error(`${script} exited before it was ready:\n${output}`));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  if (child.exitCode === null) await once(child, 'exit');
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

export async function benchLocalServer(): Promise<void> {
  const bare = await startServer('bench/bare-server.ts');
  const bareLoad = await load(bare.url).finally(() => stop(bare.child));
  const local = await startServer('local/cli.ts', ['--port', '0']);
  const localLoad = await load(local.url).finally(() => stop(local.child));

  const rpsOk = localLoad.rps >= bareLoad.rps / 2;
  const p99Ok = localLoad.p99 <= bareLoad.p99 * 3;
  const errorsOk = localLoad.errors + localLoad.non2xx === 0;
  printTable(`Local API under load (autocannon, ${DURATION_S} s, ${CONNECTIONS} connections, GET ${PATH})`, [
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
  ]);

  const starts: number[] = [];
  for (let run = 0; run < 3; run++) starts.push(await timeToFirst200(39_000 + run));
  const start = median(starts);
  printTable('Start-up', [
    ['', 'ms (median of 3)', 'verdict'],
    ['npm start to first 200', start.toFixed(0), verdict(start < 1500, '< 1500 ms')],
  ]);
}
