// The CPU a request costs the emulator when its integration is not a Lambda proxy: a MOCK and an
// HTTP_PROXY route beside a Lambda proxy route of the same server, at the same fixed rate.
import autocannon from 'autocannon';
import { cpuPerRequest } from './cpu-time';
import { startServer, stop } from './processes';
import { median, printTable, ratio } from './stats';

const TEMPLATE = 'tests/fixtures/apps/integrations/template.yaml';
const DURATION_S = 5;
const CONNECTIONS = 20;
/** A rate every route sustains on a 2-core machine, so the CPU per request is compared at equal load. */
const RATE = 2000;
const ROUNDS = 3;

const CASES = {
  'Lambda proxy (GET /models/orders)': '/models/orders?page=1',
  'MOCK (GET /int/health)': '/int/health',
  'HTTP_PROXY to a bare node:http server (GET /int/backend/...)':
    '/int/backend/helloworld?name=Ana&city=Oslo',
} as const;

type Case = keyof typeof CASES;

interface Load {
  rps: number;
  mainUs: number;
  othersUs: number;
  failures: number;
}

async function load(url: string, pid: number, path: string): Promise<Load> {
  await autocannon({ url: `${url}${path}`, connections: CONNECTIONS, duration: 1 }); // warm-up
  let result: autocannon.Result | undefined;
  const cpu = await cpuPerRequest(pid, async () => {
    result = await autocannon({
      url: `${url}${path}`,
      connections: CONNECTIONS,
      duration: DURATION_S,
      overallRate: RATE,
    });
    return result.requests.total;
  });
  if (result === undefined) throw new Error('autocannon gave no result');
  return {
    rps: result.requests.average,
    mainUs: cpu.mainUs,
    othersUs: cpu.othersUs,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

export async function benchIntegrations(): Promise<void> {
  const backend = await startServer([...process.execArgv, 'bench/bare-server.ts']);
  const server = await startServer([
    'emulator/launch.mjs',
    'start-api',
    '--port',
    '0',
    '--no-type-check',
    '--template',
    TEMPLATE,
    '--parameter-overrides',
    `BackendUrl=${backend.url}`,
  ]);
  const pid = server.child.pid ?? 0;
  const rounds = Object.fromEntries(Object.keys(CASES).map((name) => [name, [] as Load[]])) as Record<
    Case,
    Load[]
  >;
  try {
    for (let round = 0; round < ROUNDS; round++)
      for (const name of Object.keys(CASES) as Case[])
        rounds[name].push(await load(server.url, pid, CASES[name]));
  } finally {
    await Promise.all([stop(server.child), stop(backend.child)]);
  }
  const of = (name: Case, measure: (load: Load) => number): number => median(rounds[name].map(measure));
  const total = (name: Case): number => of(name, ({ mainUs, othersUs }) => mainUs + othersUs);
  const proxy: Case = 'Lambda proxy (GET /models/orders)';
  printTable(
    `Integrations beyond Lambda proxy: CPU per request at ${RATE} requests/s (autocannon, ${DURATION_S} s, ${CONNECTIONS} connections, median of ${ROUNDS} alternating rounds; the backend's own CPU not counted, the kernel's loopback work for the second connection is, in the emulator's writes)`,
    [
      [
        '',
        'requests/s',
        'main thread µs',
        'other threads µs',
        'total µs',
        'total vs Lambda proxy',
        'failures',
      ],
      ...(Object.keys(CASES) as Case[]).map((name) => [
        name,
        of(name, ({ rps }) => rps).toFixed(0),
        of(name, ({ mainUs }) => mainUs).toFixed(1),
        of(name, ({ othersUs }) => othersUs).toFixed(1),
        total(name).toFixed(1),
        ratio(total(name), total(proxy)),
        String(rounds[name].reduce((sum, { failures }) => sum + failures, 0)),
      ]),
    ],
  );
}
