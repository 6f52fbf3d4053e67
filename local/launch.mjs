// Starts a command of local/ (cli.ts, invoke-cli.ts) with plain Node: esbuild transpiles local/
// file by file into a cache folder in a few tens of milliseconds, where a TypeScript loader would
// cost most of a second at every start.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const [entry, ...args] = process.argv.slice(2);
const localDir = dirname(fileURLToPath(import.meta.url));
const outdir = join(localDir, '..', 'node_modules', '.cache', 'local-api');
await build({
  entryPoints: readdirSync(localDir)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(localDir, file)),
  outdir,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
process.setSourceMapsEnabled(true);
process.env.LOCAL_API_SOURCE_DIR = localDir;
const main = join(outdir, entry.replace(/\.ts$/, '.js'));
process.argv = [process.argv[0], main, ...args];
createRequire(import.meta.url)(main);
