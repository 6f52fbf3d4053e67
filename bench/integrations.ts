// The CPU a request costs the emulator when its integration is not a Lambda proxy: a MOCK and an
// HTTP_PROXY route beside a Lambda proxy route of the same server, at the same fixed rate.
import { readFileSync } from 'node:fs';
import { measuredLoad, type MeasuredLoad } from './measured-load';
import { startServer, stop } from './processes';
import { median, printTable, ratio } from './stats';

const TEMPLATE = 'tests/fixtures/apps/integrations/template.yaml';
const DURATION_S = 5;
const CONNECTIONS = 20;
/** A rate every route sustains on a 2-core machine, so the CPU per request is compared at equal load. */
const RATE = 2000;
const ROUNDS = 3;

interface Case {
  name: string;
  path: string;
  /** Sent to the function's URL instead of the API's port. */
  functionUrl?: boolean;
  method?: 'GET' | 'POST';
  body?: string;
}

const CASES: Case[] = [
  { name: 'Lambda proxy (GET /models/orders)', path: '/models/orders?page=1' },
  { name: 'MOCK (GET /int/health)', path: '/int/health' },
  {
    name: 'HTTP_PROXY to a bare node:http server (GET /int/backend/...)',
    path: '/int/backend/helloworld?name=Ana&city=Oslo',
  },
  { name: 'Function URL of the same function (GET /)', path: '', functionUrl: true },
  {
    name: 'Lambda Invoke API, the same function (POST .../invocations)',
    path: '/2015-03-31/functions/OrdersFunction/invocations',
    method: 'POST',
    body: '{"body": "{}"}',
  },
];

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
  const functionUrl = /URL {5}(http:\/\/127\.0\.0\.1:\d+)\//.exec(
    readFileSync(server.outputPath, 'utf8'),
  )?.[1];
  if (functionUrl === undefined) throw new Error('the function URL was not printed');
  const rounds = new Map<Case, MeasuredLoad[]>(CASES.map((which) => [which, []]));
  try {
    for (let round = 0; round < ROUNDS; round++)
      for (const which of CASES)
        rounds.get(which)?.push(
          await measuredLoad({
            url: `${which.functionUrl === true ? functionUrl : server.url}${which.path}`,
            ...(which.method === undefined ? {} : { method: which.method }),
            ...(which.body === undefined ? {} : { body: which.body }),
            pid,
            connections: CONNECTIONS,
            durationS: DURATION_S,
            rate: RATE,
          }),
        );
  } finally {
    await Promise.all([stop(server.child), stop(backend.child)]);
  }
  const of = (which: Case, measure: (load: MeasuredLoad) => number): number =>
    median((rounds.get(which) ?? []).map(measure));
  const total = (which: Case): number => of(which, ({ mainUs, othersUs }) => mainUs + othersUs);
  const proxy = CASES[0];
  if (proxy === undefined) throw new Error('the Lambda proxy case is the baseline');
  printTable(
    `Integrations beyond Lambda proxy, a function URL and the local Invoke API: CPU per request at ${RATE} requests/s (autocannon, ${DURATION_S} s, ${CONNECTIONS} connections, median of ${ROUNDS} alternating rounds; the backend's own CPU not counted, the kernel's loopback work for the second connection is, in the emulator's writes)`,
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
      ...CASES.map((which) => [
        which.name,
        of(which, ({ rps }) => rps).toFixed(0),
        of(which, ({ mainUs }) => mainUs).toFixed(1),
        of(which, ({ othersUs }) => othersUs).toFixed(1),
        total(which).toFixed(1),
        ratio(total(which), total(proxy)),
        String((rounds.get(which) ?? []).reduce((sum, { failures }) => sum + failures, 0)),
      ]),
    ],
  );
}
