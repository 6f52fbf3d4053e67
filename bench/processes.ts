import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/**
 * Starts a server as one node process (no npm or npx layer to outlive a kill) and resolves with its
 * base URL once it prints one.
 */
export async function startServer(nodeArgs: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, nodeArgs, {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    // The listener stays for the child's life, draining its access log so that it never blocks.
    child.stdout.on('data', (chunk: Buffer) => {
      if (output.length > 10_000) return;
      output += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(output)?.[0];
      if (url !== undefined) resolve({ url, child });
    });
    child.on('exit', () => {
      reject(new Error(`node ${nodeArgs.join(' ')} exited before it was ready:\n${output}`));
    });
  });
}

export async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  if (child.exitCode === null) await once(child, 'exit');
}
