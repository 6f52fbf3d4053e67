import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from './scratch-dirs';

/**
 * Starts a server as one node process (no npm or npx layer to outlive a kill) and resolves with its
 * base URL once it prints one. Its output goes to a file, as a redirect would send it, so that the
 * load generator in this process does not also pay for reading the server's access log.
 */
export async function startServer(
  nodeArgs: string[],
): Promise<{ url: string; child: ChildProcess; outputPath: string }> {
  const outputPath = join(scratchDir('bench-server'), 'output.log');
  const output = openSync(outputPath, 'w');
  const child = spawn(process.execPath, nodeArgs, { stdio: ['ignore', output, 'inherit'] });
  closeSync(output);
  const deadline = Date.now() + 20_000;
  while (child.exitCode === null && Date.now() < deadline) {
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(readFileSync(outputPath, 'utf8'))?.[0];
    if (url !== undefined) return { url, child, outputPath };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.kill('SIGTERM');
  throw new Error(`node ${nodeArgs.join(' ')} was not ready:\n${readFileSync(outputPath, 'utf8')}`);
}

export async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  if (child.exitCode === null) await once(child, 'exit');
}

/** `npm start` on a template, as one node process on a free port. */
export function startEmulator(template: string): ReturnType<typeof startServer> {
  return startServer(['emulator/launch.mjs', 'start-api', '--port', '0', '--template', template]);
}
