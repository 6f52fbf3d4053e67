// The cost of a request guarded by a Lambda authorizer, beside an open one on the same server: with
// the authorizer's answer cached (TTL 300 s) and with every request calling it (TTL 0).
import { measuredLoad, type MeasuredLoad } from './measured-load';
import { startEmulator, stop } from './processes';
import { median, printTable, ratio, verdict } from './stats';

const TEMPLATE = 'tests/fixtures/apps/auth/template.yaml';
const DURATION_S = 5;
const CONNECTIONS = 20;
const ROUNDS = 3;

const CASES = {
  open: { path: '/dev/open', headers: {} },
  cached: { path: '/dev/token', headers: { Authorization: 'bench' } },
  uncached: { path: '/dev/nocache', headers: { Authorization: 'bench' } },
} as const;

type Case = keyof typeof CASES;

export async function benchAuthorizer(): Promise<void> {
  const server = await startEmulator(TEMPLATE);
  const rounds: Record<Case, MeasuredLoad[]> = {
    open: [],
    cached: [],
    uncached: [],
  };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const which of Object.keys(CASES) as Case[]) {
        const { path, headers } = CASES[which];
        const url = `${server.url}${path}`;
        rounds[which].push(
          await measuredLoad({
            url,
            pid: server.child.pid ?? 0,
            connections: CONNECTIONS,
            durationS: DURATION_S,
            headers,
          }),
        );
      }
    }
  } finally {
    await stop(server.child);
  }
  const rps = (which: Case): number => median(rounds[which].map((load) => load.rps));
  const p99 = (which: Case): number => median(rounds[which].map((load) => load.p99));
  const failures = (which: Case): number => rounds[which].reduce((sum, load) => sum + load.failures, 0);
  const cpu = (which: Case): string =>
    `${median(rounds[which].map(({ mainUs }) => mainUs)).toFixed(1)} + ${median(rounds[which].map(({ othersUs }) => othersUs)).toFixed(1)}`;
  printTable(
    `A request behind a Lambda authorizer, beside an open one (autocannon, ${DURATION_S} s, ${CONNECTIONS} connections, median of ${ROUNDS} alternating rounds)`,
    [
      [
        '',
        'requests/s',
        'p99 ms',
        'requests/s vs open',
        'CPU µs/request (main + others)',
        'failures',
        'verdict',
      ],
      [
        'open (Authorizer: NONE)',
        rps('open').toFixed(0),
        String(p99('open')),
        '1.00x',
        cpu('open'),
        String(failures('open')),
        '',
      ],
      [
        'authorized, answer cached',
        rps('cached').toFixed(0),
        String(p99('cached')),
        ratio(rps('cached'), rps('open')),
        cpu('cached'),
        String(failures('cached')),
        verdict(rps('cached') >= 0.5 * rps('open') && failures('cached') === 0, '>= 0.50x, 0 failures'),
      ],
      [
        'authorized, authorizer called each time',
        rps('uncached').toFixed(0),
        String(p99('uncached')),
        ratio(rps('uncached'), rps('open')),
        cpu('uncached'),
        String(failures('uncached')),
        verdict(rps('uncached') >= 0.25 * rps('open') && failures('uncached') === 0, '>= 0.25x, 0 failures'),
      ],
    ],
  );
}
