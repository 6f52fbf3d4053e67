import { appendFileSync, cpSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { eventually, FIXTURE_TEMPLATE, startApi, type RunningApi } from '../../support/local-api';
import { tempDir } from '../../support/temp-dirs';

describe('hot reload', () => {
  let api: RunningApi;
  let functionsDir: string;
  let copy: string;
  beforeAll(async () => {
    copy = tempDir('reload');
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

  it('follows a file that an editor saves by renaming a new one over it, save after save', async () => {
    for (const version of ['renamed-1', 'renamed-2']) {
      const temp = join(functionsDir, '.throws.ts.swp');
      writeFileSync(temp, `export const handler = async () => ({ statusCode: 200, body: '${version}' });\n`);
      renameSync(temp, join(functionsDir, 'throws.ts'));
      let answered = '';
      await eventually(
        async () => (answered = await (await fetch(`${api.url}/throws`)).text()) === version,
        10_000,
        () =>
          [
            `last answer: ${answered}`,
            ...api.lines.filter((line) => !line.startsWith('GET /throws')).slice(-12),
          ].join('\n'),
      );
    }
    // Two saves, each given eventually()'s 10 s on a loaded machine, not jest's default 5 s for both.
  }, 25_000);

  it('fails no request while saves rebuild the function under load', async () => {
    const echo = join(functionsDir, 'echo.ts');
    const statuses: number[] = [];
    let saving = true;
    const load = Promise.all(
      Array.from({ length: 8 }, async () => {
        while (saving) statuses.push((await fetch(`${api.url}/echo?omitBody=1`)).status);
      }),
    );
    for (let save = 1; save <= 3; save++) {
      const rebuilds = api.lines.filter((line) => line.startsWith('EchoFunction rebuilt')).length;
      appendFileSync(echo, `// save ${save}\n`);
      await eventually(
        () => api.lines.filter((line) => line.startsWith('EchoFunction rebuilt')).length > rebuilds,
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    saving = false;
    await load;
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
  });

  it('starts new instances from the last good build after a failed rebuild', async () => {
    const echo = join(functionsDir, 'echo.ts');
    const good = readFileSync(echo, 'utf8');
    writeFileSync(echo, `${good}\nexport const broken = ;\n`);
    await eventually(() => api.lines.some((line) => line.startsWith('EchoFunction rebuild failed')));
    // Concurrent slow requests need more instances than are warm: some start now, from the last good build.
    const statuses = await Promise.all(
      Array.from({ length: 6 }, async () => (await fetch(`${api.url}/echo?omitBody=1&sleepMs=300`)).status),
    );
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    writeFileSync(echo, good);
  });
});
