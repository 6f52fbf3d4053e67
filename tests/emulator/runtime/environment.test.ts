import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_TEMPLATE, startApi, type RunningApi } from '../../support/local-api';
import { tempDir } from '../../support/temp-dirs';

interface EnvReply {
  env: Record<string, string>;
  writtenByBefore: string | null;
}

describe('each function runs with its own environment', () => {
  let api: RunningApi;
  beforeAll(async () => {
    process.env.EMULATOR_PARENT_SECRET = 'must not leak';
    const envVars = join(tempDir('env-vars'), 'env.json');
    writeFileSync(
      envVars,
      JSON.stringify({
        EnvAFunction: { OVERRIDDEN: 'from-env-json', UNDECLARED: 'x' },
        Parameters: { OWN_VALUE: 'all' },
      }),
    );
    api = await startApi(FIXTURE_TEMPLATE, { envVarsPath: envVars });
  });
  afterAll(async () => {
    delete process.env.EMULATOR_PARENT_SECRET;
    await api.close();
  });

  const env = async (which: 'a' | 'b'): Promise<EnvReply> =>
    (await (await fetch(`${api.url}/env/${which}`)).json()) as EnvReply;

  it("sets Globals, the function's Variables, env.json overrides and the AWS_LAMBDA_* variables", async () => {
    const { env: a } = await env('a');
    expect(a).toMatchObject({
      GLOBAL_VALUE: 'from-parameter',
      SUBSTITUTED: 'from-parameter-in-us-east-1',
      OWN_VALUE: 'all',
      OVERRIDDEN: 'from-env-json',
      AWS_LAMBDA_FUNCTION_NAME: 'EnvAFunction',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_REGION: 'us-east-1',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    });
    expect(a.UNDECLARED).toBeUndefined();
    expect(api.lines).toContain(
      '--env-vars: EnvAFunction does not declare UNDECLARED in the template; ignored',
    );
  });

  it("never shares process.env between functions, nor with the emulator's own", async () => {
    await env('a'); // writes WRITTEN_BY in its own instance
    const b = await env('b');
    expect(b.writtenByBefore).toBeNull();
    expect(b.env.OWN_VALUE).toBe('all');
    expect(b.env.AWS_LAMBDA_FUNCTION_NAME).toBe('EnvBFunction');
    expect(b.env.EMULATOR_PARENT_SECRET).toBeUndefined();
    expect(process.env.WRITTEN_BY).toBeUndefined();
  });
});
