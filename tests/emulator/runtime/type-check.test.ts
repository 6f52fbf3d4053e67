import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, startApi } from '../../support/local-api';
import { tempDir } from '../../support/temp-dirs';

jest.setTimeout(60_000);

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  AppFunction:
    Type: AWS::Serverless::Function
    Metadata: { BuildMethod: esbuild, BuildProperties: { EntryPoints: [app.ts] } }
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: nodejs22.x
      Events:
        Get: { Type: Api, Properties: { Path: /app, Method: get } }
`;
const APP = (startedAt: string): string =>
  `export const startedAt: string = ${startedAt};\nexport const handler = async () => ({ statusCode: 200, body: String(startedAt) });\n`;

describe('the TypeScript checker beside the server', () => {
  it('says each new type error once, while esbuild still serves the code, and "types clean" once fixed', async () => {
    const dir = tempDir('type-check');
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'template.yaml'), TEMPLATE);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, target: 'ES2022', types: [] },
        include: ['src'],
      }),
    );
    const app = join(dir, 'src', 'app.ts');
    writeFileSync(app, APP("'fine'"));
    const api = await startApi(join(dir, 'template.yaml'), { watch: true, typeCheck: true });
    try {
      const error = "types: src/app.ts:1:14 TS2322 Type 'number' is not assignable to type 'string'.";
      // Saved right after start-up: the function's watcher is ready by then, so the save is taken.
      writeFileSync(app, APP('Date.now()'));
      // esbuild does not check types: the code is served all the same, as sam build would ship it.
      await eventually(async () => /^\d+$/.test(await (await fetch(`${api.url}/app`)).text()), 30_000);
      await eventually(() => api.lines.includes(error), 30_000);
      // The console shows them too: in its info, and live on its stream.
      const stream = await fetch(`${api.consoleUrl}api/stream`);
      const reader = stream.body?.getReader();
      expect(
        ((await (await fetch(`${api.consoleUrl}api/info`)).json()) as { types: string[] }).types,
      ).toEqual([error.slice('types: '.length)]);
      writeFileSync(app, APP("'fixed'"));
      await eventually(() => api.lines.includes('types clean'), 30_000);
      let streamed = '';
      while (!streamed.includes('event: types')) {
        const chunk = await reader?.read();
        if (chunk === undefined || chunk.done) break;
        streamed += Buffer.from(chunk.value).toString('utf8');
      }
      expect(streamed).toContain('event: types\ndata: []\n\n');
      await reader?.cancel();
      expect(api.lines.filter((line) => line === error)).toHaveLength(1);
    } finally {
      await api.close();
    }
  });
});
