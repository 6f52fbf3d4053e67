import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** `npm run test:deployed`, as a new user runs it, with only the given variables about AWS. */
function runDeployed(env: Record<string, string>): { code: number | null; stdout: string; stderr: string } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_')));
  const run = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'tests/deployed/run.ts'],
    {
      cwd: ROOT,
      env: { ...clean, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('npm run test:deployed', () => {
  jest.setTimeout(60_000);

  it('skips in one line, exit 0, without AWS_SAM_STACK_NAME', () => {
    const run = runDeployed({});
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'deployed tests skipped: set AWS_SAM_STACK_NAME to the stack sam deploy made (e.g. hello-world-greeting-api)\n',
    );
  });

  it('fails fast in one line when the stack cannot be read, and sends nothing off this machine', async () => {
    const run = runDeployed({
      AWS_SAM_STACK_NAME: 'no-such-stack',
      AWS_ENDPOINT_URL: `http://127.0.0.1:${await closedPort()}`,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: cannot describe stack no-such-stack: .*ECONNREFUSED.*\n$/);
  });
});
