import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The one command that fixes a build that failed for a package it could not find: its folder's
 * install when the function's package.json declares it, else the install of that package there.
 */
export function buildFix(codeDir: string, message: string): string | undefined {
  const missing = /Could not resolve "([^"]+)"/.exec(message)?.[1];
  if (missing === undefined || missing.startsWith('.') || missing.startsWith('/')) return undefined;
  const name = missing.startsWith('@') ? missing.split('/').slice(0, 2).join('/') : missing.split('/')[0];
  if (name === undefined) return undefined;
  const folder = relative(process.cwd(), codeDir) || '.';
  return declares(codeDir, name)
    ? `npm install --prefix ${folder}`
    : `npm install --prefix ${folder} ${name}`;
}

function declares(codeDir: string, name: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(join(codeDir, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    return ['dependencies', 'devDependencies', 'optionalDependencies'].some((field) => {
      const declared = manifest[field];
      return typeof declared === 'object' && declared !== null && Object.hasOwn(declared, name);
    });
  } catch {
    return false;
  }
}
