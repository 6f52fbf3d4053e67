// The CPU a request costs the emulator when its integration is not a Lambda proxy: a MOCK and an
// HTTP_PROXY route beside a Lambda proxy route of the same server, at the same fixed rate.
import { measuredLoad, type MeasuredLoad } from './measured-load';
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

type Load = MeasuredLoad;

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
        rounds[name].push(
          await measuredLoad({
            url: `${server.url}${CASES[name]}`,
            pid,
            connections: CONNECTIONS,
            durationS: DURATION_S,
            rate: RATE,
          }),
        );
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
