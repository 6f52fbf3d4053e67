import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_TEMPLATE, startApi, type RunningApi } from '../../support/local-api';
import { tempDir } from '../../support/temp-dirs';
import { developerAwsAccess } from '../../../emulator/runtime/aws-access';

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

describe("the developer's AWS settings", () => {
  const NONE = {
    AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
  };

  it('pass through as sam local passes them: credentials, profile, region and endpoints', () => {
    const access = developerAwsAccess({
      ...NONE,
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_REGION: 'eu-west-1',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000',
      HOME: '/home/someone',
      AWS_SOMETHING_ELSE: 'x',
    });
    expect(access).toEqual({
      hasCredentials: true,
      variables: {
        AWS_CONFIG_FILE: '/nonexistent/config',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
        AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'secret',
        AWS_REGION: 'eu-west-1',
        AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000',
      },
    });
  });

  it('count as none without keys, a profile or the shared files', () => {
    expect(developerAwsAccess({ ...NONE, AWS_REGION: 'eu-west-1' }).hasCredentials).toBe(false);
    expect(developerAwsAccess({ ...NONE, AWS_PROFILE: 'dev' }).hasCredentials).toBe(true);
  });

  it("reach a function's environment, region included", async () => {
    process.env.AWS_REGION = 'eu-west-1';
    process.env.AWS_ENDPOINT_URL_DYNAMODB = 'http://127.0.0.1:8000';
    const api = await startApi(FIXTURE_TEMPLATE).finally(() => {
      delete process.env.AWS_REGION;
      delete process.env.AWS_ENDPOINT_URL_DYNAMODB;
    });
    try {
      const { env } = (await (await fetch(`${api.url}/env/a`)).json()) as EnvReply;
      expect(env).toMatchObject({
        AWS_REGION: 'eu-west-1',
        AWS_DEFAULT_REGION: 'eu-west-1',
        AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000',
        AWS_SAM_LOCAL: 'true',
        AWS_EC2_METADATA_DISABLED: 'true',
      });
      // Without credentials, every other service is answered by the emulator, on this machine.
      expect(env.AWS_ENDPOINT_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await api.close();
    }
  });
});
