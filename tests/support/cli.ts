import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** What onReady answered, when it was given. */
  ready?: string;
}

/** Runs one of the emulator's commands (`start-api`, `invoke`) to its end, as `npm start` and `npm run invoke` do. */
export function runCli(
  command: string,
  args: string[],
  options: { killWhen?: RegExp; onReady?: (url: string, stdout: string) => Promise<string> } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(
      process.execPath,
      [join(ROOT, 'emulator', 'launch.mjs'), command, ...args],
      {
        cwd: ROOT,
      },
    );
    let stdout = '';
    let stderr = '';
    let ready: string | undefined;
    let stopping = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stopping || options.killWhen?.test(stdout) !== true) return;
      stopping = true;
      // Whatever the server is asked while it runs, it is stopped afterwards.
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(stdout)?.[0] ?? '';
      void (options.onReady?.(url, stdout) ?? Promise.resolve(undefined))
        .then((answer) => {
          ready = answer;
        })
        .finally(() => child.kill('SIGTERM'));
    });
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr, ...(ready === undefined ? {} : { ready }) });
    });
  });
}
