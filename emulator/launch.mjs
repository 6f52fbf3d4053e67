#!/usr/bin/env node
// `sam-emulator [start-api] [options]` and `sam-emulator invoke [FunctionLogicalId] <event.json>`:
// the emulator's commands, run with plain Node. esbuild transpiles the emulator's TypeScript file by
// file into a cache folder in a few tens of milliseconds, where a TypeScript loader would cost most
// of a second at every start.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const COMMANDS = { 'start-api': 'start-api.js', invoke: 'invoke.js' };

const [first, ...rest] = process.argv.slice(2);
const named = first !== undefined && Object.hasOwn(COMMANDS, first);
const command = named ? first : 'start-api';
const args = named ? rest : process.argv.slice(2);

const emulatorDir = dirname(fileURLToPath(import.meta.url));
const cacheRoot = join(emulatorDir, 'node_modules', '.cache', 'sam-emulator');
// The console's page is built for the browser when the server starts, not here.
const browserOnly = join('console', 'page') + sep;
// Walked by hand: node_modules (and the cache of built versions in it) is never entered.
const sources = sourceFiles(emulatorDir, '')
  .filter((file) => file.endsWith('.ts') && !file.startsWith(browserOnly))
  .sort();
// One folder per version of the sources, written once under a name of its own and then renamed
// into place: emulators started side by side never read a half-written copy, and an unchanged
// emulator starts without building at all.
const version = createHash('sha256');
for (const file of sources) {
  const { mtimeMs, size } = statSync(join(emulatorDir, file));
  version.update(`${file}\0${mtimeMs}\0${size}\n`);
}
const outdir = join(cacheRoot, version.digest('hex').slice(0, 16));
if (!existsSync(outdir)) {
  // Imported here, not statically, so that a missing install is one line, not a module-resolution stack.
  const build = await import('esbuild').then(
    (esbuild) => esbuild.build,
    () => {
      console.error("error: the emulator's dependencies are not installed: run npm ci first");
      process.exit(1);
    },
  );
  const staging = `${outdir}.${process.pid}.${Date.now()}`;
  await build({
    entryPoints: sources.map((file) => join(emulatorDir, file)),
    outbase: emulatorDir,
    outdir: staging,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
  try {
    renameSync(staging, outdir);
  } catch {
    // Another emulator put the same version in place first: use that one.
    rmSync(staging, { recursive: true, force: true });
  }
  pruneOtherVersions(cacheRoot, outdir);
}
process.setSourceMapsEnabled(true);
process.env.SAM_EMULATOR_SOURCE_DIR = emulatorDir;
const main = join(outdir, COMMANDS[command]);
process.argv = [process.argv[0], main, ...args];
try {
  createRequire(import.meta.url)(main);
} catch (error) {
  if (error?.code !== 'MODULE_NOT_FOUND' || String(error.message).includes(outdir)) throw error;
  console.error("error: the emulator's dependencies are not installed: run npm ci first");
  process.exit(1);
}

/**
 * Other versions' folders a day old, or an hour old beyond the ten newest (a day of edits makes
 * dozens): no emulator started from them is likely to still need them.
 */
function pruneOtherVersions(root, keep) {
  const now = Date.now();
  const versions = [];
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    if (path === keep) continue;
    try {
      versions.push({ path, mtimeMs: statSync(path).mtimeMs });
    } catch {
      // Removed by another emulator meanwhile.
    }
  }
  versions.sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const [index, { path, mtimeMs }] of versions.entries()) {
    const age = now - mtimeMs;
    if (age > 24 * 60 * 60 * 1000 || (index >= 10 && age > 60 * 60 * 1000))
      rmSync(path, { recursive: true, force: true });
  }
}

/** The files under a folder, relative to `base`, node_modules folders left out. */
function sourceFiles(dir, base) {
  return readdirSync(join(dir, base), { withFileTypes: true }).flatMap((entry) => {
    const path = base === '' ? entry.name : join(base, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(dir, path);
    return [path];
  });
}
