import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveDuringSuite } from '../../support/local-api';
import { tempDir } from '../../support/temp-dirs';

jest.setTimeout(60_000);

// Each function logs at three levels and answers what Lambda would give it: AWS_LAMBDA_LOG_LEVEL,
// NODE_OPTIONS as sam build leaves it, and the first frame of a stack trace (.ts when source-mapped).
const HANDLER = `
export const handler = async () => {
  console.debug('a debug line');
  console.info('an info line');
  console.warn('a warn line');
  const frame = (new Error('here').stack ?? '').split('\\n')[1]?.trim() ?? '';
  return {
    statusCode: 200,
    body: JSON.stringify({
      level: process.env.AWS_LAMBDA_LOG_LEVEL ?? null,
      nodeOptions: process.env.NODE_OPTIONS ?? null,
      mapped: /app\\.ts:\\d+/.test(frame),
    }),
  };
};
`;

const fn = (path: string, logging: string, sourcemap: string): string => `
  ${path.slice(1).replace(/(^|-)(\w)/g, (_, _dash: string, c: string) => c.toUpperCase())}Function:
    Type: AWS::Serverless::Function
    Properties:
      ${logging}
      Events:
        Get: { Type: Api, Properties: { Path: ${path}, Method: GET } }
    Metadata:
      BuildMethod: esbuild
      BuildProperties: { EntryPoints: [app.ts]${sourcemap} }
`;

function app(): string {
  const dir = tempDir('logging-config');
  mkdirSync(join(dir, 'fn'));
  writeFileSync(join(dir, 'fn', 'app.ts'), HANDLER);
  writeFileSync(
    join(dir, 'template.yaml'),
    `Transform: AWS::Serverless-2016-10-31
Globals:
  Function: { Runtime: nodejs22.x, Handler: app.handler, CodeUri: fn/ }
Resources:
${fn('/json-warn', 'LoggingConfig: { LogFormat: JSON, ApplicationLogLevel: WARN }', ', Sourcemap: true')}
${fn('/json-default', 'LoggingConfig: { LogFormat: JSON }', ', Sourcemap: false')}
${fn('/text', 'MemorySize: 128', '')}
${fn('/flag-only', 'Environment: { Variables: { NODE_OPTIONS: --enable-source-maps } }', '')}
`,
  );
  return join(dir, 'template.yaml');
}

describe("a function's LoggingConfig and source maps, as Lambda and sam build apply them", () => {
  const api = serveDuringSuite(app());

  const get = async (path: string): Promise<{ body: unknown; logs: string[] }> => {
    const response = await fetch(`${api().url}${path}`);
    const body: unknown = await response.json();
    const { lines } = api();
    const at = lines.findLastIndex((line) => line.startsWith(`GET ${path} `));
    const logs = lines
      .slice(at + 1)
      .filter((line) => line.startsWith('  '))
      .map((line) => {
        const text = line.trim();
        return text.startsWith('{')
          ? (JSON.parse(text) as { level: string }).level
          : (text.split('\t')[2] ?? text);
      });
    return { body, logs };
  };

  it('drops the lines below ApplicationLogLevel with the JSON format, and maps stacks with Sourcemap: true', async () => {
    expect(await get('/json-warn')).toEqual({
      body: { level: 'WARN', nodeOptions: ' --enable-source-maps', mapped: true },
      logs: ['WARN'],
    });
  });

  it('filters at INFO when the JSON format names no level; no map, no flag, bundle frames', async () => {
    expect(await get('/json-default')).toEqual({
      body: { level: 'INFO', nodeOptions: null, mapped: false },
      logs: ['INFO', 'WARN'],
    });
  });

  it('keeps every level with the Text format, which has no log-level filtering', async () => {
    expect(await get('/text')).toEqual({
      body: { level: null, nodeOptions: null, mapped: false },
      logs: ['DEBUG', 'INFO', 'WARN'],
    });
  });

  it('builds a map when NODE_OPTIONS has --enable-source-maps and Sourcemap is not set', async () => {
    expect(await get('/flag-only')).toEqual({
      body: { level: null, nodeOptions: '--enable-source-maps', mapped: true },
      logs: ['DEBUG', 'INFO', 'WARN'],
    });
  });
});
