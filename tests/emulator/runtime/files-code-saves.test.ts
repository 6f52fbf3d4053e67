import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, startApi, type RunningApi } from '../../support/local-api';
import { tempDir } from '../../support/temp-dirs';

jest.setTimeout(30_000);

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  AppFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: nodejs22.x
      Events:
        Get: { Type: Api, Properties: { Path: /app, Method: get } }
`;

/** A handler that answers its version, after sleepMs: slow requests make the function scale out. */
const version = (name: string): string =>
  `exports.handler = async (event) => {
  await new Promise((resolve) => setTimeout(resolve, Number(event.queryStringParameters?.sleepMs ?? 0)));
  return { statusCode: 200, body: '${name}' };
};
`;

describe('files-style code (no build) saved while it serves', () => {
  let api: RunningApi;
  let app: string;
  beforeAll(async () => {
    const dir = tempDir('files-saves');
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'template.yaml'), TEMPLATE);
    app = join(dir, 'src', 'app.js');
    writeFileSync(app, version('v1'));
    api = await startApi(join(dir, 'template.yaml'), { watch: true, typeCheck: false });
  });
  afterAll(async () => {
    await api.close();
  });

  it('never starts an instance from a file half-written, and never answers older than an answer given', async () => {
    // A slow save (the file truncated, then written a few bytes at a time, never 50 ms apart), while
    // bursts of slow requests make the function start new instances.
    const answers: { sentAt: number; receivedAt: number; status: number; body: string }[] = [];
    const saving = { done: false };
    const request = async (): Promise<void> => {
      const sentAt = performance.now();
      const response = await fetch(`${api.url}/app?sleepMs=40`);
      answers.push({
        sentAt,
        receivedAt: performance.now(),
        status: response.status,
        body: await response.text(),
      });
    };
    const load = (async () => {
      while (!saving.done) await Promise.all(Array.from({ length: 8 }, request));
    })();
    await slowSave(app, version('v2'));
    await eventually(async () => (await (await fetch(`${api.url}/app`)).text()) === 'v2');
    saving.done = true;
    await load;
    await Promise.all(Array.from({ length: 8 }, request));
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    expect(new Set(answers.map((answer) => answer.body))).toEqual(new Set(['v1', 'v2']));
    const firstNew = Math.min(
      ...answers.filter((answer) => answer.body === 'v2').map((answer) => answer.receivedAt),
    );
    expect(answers.filter((answer) => answer.sentAt > firstNew && answer.body !== 'v2')).toEqual([]);
  });
});

/**
 * Writes the file two bytes at a time, a quarter of a millisecond apart, from a process of its own
 * (this one serves the requests): a save in progress, with no pause that looks finished (50 ms).
 */
function slowSave(path: string, text: string): Promise<void> {
  const script = `
    const fs = require('node:fs');
    const [path, text] = process.argv.slice(1);
    const fd = fs.openSync(path, 'w');
    for (let at = 0; at < text.length; at += 2) {
      fs.writeSync(fd, text.slice(at, at + 2));
      const until = performance.now() + 0.25;
      while (performance.now() < until);
    }
    fs.closeSync(fd);`;
  return promisify(execFile)(process.execPath, ['-e', script, path, text]).then(() => undefined);
}
