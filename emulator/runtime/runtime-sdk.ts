import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Lambda's Node.js runtimes include the AWS SDK v3 (`@aws-sdk/*`), on NODE_PATH after the layers.
 * Locally it comes from what the project has installed: the first `node_modules/@aws-sdk` above one
 * of `searchFrom`, linked alone into a folder of its own, so that nothing else the project installed
 * becomes importable by a function that does not declare it. Undefined when none is installed.
 */
export function runtimeSdkModules(buildDir: string, searchFrom: string[]): string | undefined {
  const found = searchFrom.map((start) => sdkAbove(resolve(start))).find((dir) => dir !== undefined);
  if (found === undefined) return undefined;
  const modules = join(buildDir, 'runtime', 'node_modules');
  mkdirSync(modules, { recursive: true });
  symlinkSync(found, join(modules, '@aws-sdk'), 'dir');
  return modules;
}

function sdkAbove(dir: string): string | undefined {
  const candidate = join(dir, 'node_modules', '@aws-sdk');
  if (existsSync(candidate)) return candidate;
  const parent = dirname(dir);
  return parent === dir ? undefined : sdkAbove(parent);
}
