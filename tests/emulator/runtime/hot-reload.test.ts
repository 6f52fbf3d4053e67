import { cpSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { eventually, FIXTURE_TEMPLATE, startApi, type RunningApi } from '../../support/local-api';
import { tempDir } from '../../support/temp-dirs';

describe('hot reload', () => {
  let api: RunningApi;
  let functionsDir: string;
  beforeAll(async () => {
    const copy = tempDir('reload');
    cpSync(dirname(FIXTURE_TEMPLATE), copy, { recursive: true });
    functionsDir = join(copy, 'functions');
    api = await startApi(join(copy, 'template.yaml'), { watch: true });
  });
  afterAll(async () => {
    await api.close();
  });

  it('rebuilds on save, says so once per affected function, and runs the new code with no restart', async () => {
    expect((await fetch(`${api.url}/throws`)).status).toBe(502);
    writeFileSync(
      join(functionsDir, 'throws.ts'),
      "export const handler = async () => ({ statusCode: 200, body: 'fixed' });\n",
    );
    await eventually(async () => (await fetch(`${api.url}/throws`)).status === 200);
    expect(await (await fetch(`${api.url}/throws`)).text()).toBe('fixed');
    const rebuilt = api.lines.filter((line) => line.includes('rebuilt after a change'));
    expect(rebuilt).toEqual(['ThrowsFunction rebuilt after a change: the next request runs the new code']);
  });

  it('keeps serving the previous build when the new code does not compile', async () => {
    writeFileSync(
      join(functionsDir, 'throws.ts'),
      'export const handler = async () => ({ statusCode: 200, body: ;\n',
    );
    await eventually(() => api.lines.some((line) => line.startsWith('ThrowsFunction rebuild failed')));
    expect(await (await fetch(`${api.url}/throws`)).text()).toBe('fixed');
  });
});
