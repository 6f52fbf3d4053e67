#!/usr/bin/env node
// `sam-emulator [start-api] [options]` and `sam-emulator invoke [FunctionLogicalId] <event.json>`:
// the emulator's commands, run with plain Node. esbuild transpiles the emulator's TypeScript file by
// file into a cache folder in a few tens of milliseconds, where a TypeScript loader would cost most
// of a second at every start.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const COMMANDS = { 'start-api': 'start-api.js', invoke: 'invoke.js' };

const [first, ...rest] = process.argv.slice(2);
const named = first !== undefined && Object.hasOwn(COMMANDS, first);
const command = named ? first : 'start-api';
const args = named ? rest : process.argv.slice(2);

const emulatorDir = dirname(fileURLToPath(import.meta.url));
const outdir = join(emulatorDir, 'node_modules', '.cache', 'sam-emulator');
// The console's page is built for the browser when the server starts, not here.
const browserOnly = join('console', 'page') + sep;
// Imported here, not statically, so that a missing install is one line, not a module-resolution stack.
const build = await import('esbuild').then(
  (esbuild) => esbuild.build,
  () => {
    console.error("error: the emulator's dependencies are not installed: run npm ci first");
    process.exit(1);
  },
);
await build({
  entryPoints: readdirSync(emulatorDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.startsWith(browserOnly) && !file.includes('node_modules'))
    .map((file) => join(emulatorDir, file)),
  outbase: emulatorDir,
  outdir,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
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
