import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one of the project's command-line entry points (local/<script>) to its end. */
export function runCli(script: string, args: string[], options: { killWhen?: RegExp } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(TSX, [join(ROOT, 'local', script), ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (options.killWhen?.test(stdout) === true) child.kill('SIGTERM');
    });
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}
