import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { PROJECT_TEMPLATE, serveDuringSuite } from '../support/local-api';

jest.setTimeout(60_000);

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

/** The lines of the README's shell blocks. */
const shellLines = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((match) =>
  (match[1] ?? '').split('\n'),
);

/** Shell words, as the README writes them: single or double quotes, no escapes. */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map(
    (match) => match[1] ?? match[2] ?? match[3] ?? '',
  );
}

/** Each `curl` line with the `# ...` line after it: the answer the README promises. */
const curls = shellLines.flatMap((line, index) => {
  const expected = shellLines[index + 1];
  return line.startsWith('curl ') && expected?.startsWith('# ') === true
    ? [{ line, expected: expected.slice(2) }]
    : [];
});

describe("the README's commands, run as shown", () => {
  const api = serveDuringSuite(PROJECT_TEMPLATE);

  it('finds the commands it runs', () => {
    expect(curls.length).toBeGreaterThanOrEqual(4);
  });

  // The deploy section's curls go to `$URL`, the deployed /Prod/helloworld: the local one answers alike.
  it.each(curls)('$line answers $expected', async ({ line, expected }) => {
    const args = words(
      line.replaceAll('$URL', `${api().url}/Prod/helloworld`).replaceAll('http://127.0.0.1:3000', api().url),
    ).slice(1);
    let url = '';
    let method: string | undefined;
    let body: string | undefined;
    let showStatus = false;
    const headers: Record<string, string> = {};
    for (let index = 0; index < args.length; index++) {
      const arg = args[index] ?? '';
      if (arg === '-X') method = args[++index];
      else if (arg === '-H') {
        const [name = '', ...value] = (args[++index] ?? '').split(':');
        headers[name.trim()] = value.join(':').trim();
      } else if (arg === '-d') body = args[++index];
      else if (arg === '-i') showStatus = true;
      else url = arg;
    }
    const response = await fetch(url, {
      method: method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    if (showStatus) {
      // `HTTP/2 400 ... {"message":...}`: the status, then the body.
      const [, status, promised] = /^HTTP\/\S+ (\d+) \.\.\. (.*)$/.exec(expected) ?? [];
      expect(response.status).toBe(Number(status));
      expect(text).toBe(promised);
    } else {
      expect(text).toBe(expected);
    }
  });

  it.each(shellLines.filter((line) => line.startsWith('npm run invoke -- ')))('%s succeeds', async (line) => {
    const run = await runCli('invoke', words(line).slice(3));
    expect(run.code).toBe(0);
    expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
  });
});
