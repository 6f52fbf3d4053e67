import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Lockfile {
  packages: Record<string, { version?: string; dependencies?: Record<string, string> }>;
}

const ROOT = join(__dirname, '..', '..');
const read = (path: string): unknown => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
const functionLock = read('hello-world/package-lock.json') as Lockfile;
const rootLock = read('package-lock.json') as Lockfile;
const manifest = read('hello-world/package.json') as { dependencies: Record<string, string> };

describe('what sam build installs for the functions (hello-world/package-lock.json, UseNpmCi)', () => {
  it('locks exactly the dependencies hello-world/package.json declares', () => {
    expect(functionLock.packages['']?.dependencies).toEqual(manifest.dependencies);
  });

  it('pins every package at the version the repository itself installs', () => {
    const drifted = Object.entries(functionLock.packages)
      .filter(([path]) => path !== '')
      .filter(([path, entry]) => rootLock.packages[path]?.version !== entry.version)
      .map(
        ([path, entry]) =>
          `${path} ${entry.version ?? '?'} (the repository: ${rootLock.packages[path]?.version ?? 'none'})`,
      );
    // To refresh it: copy hello-world/package.json and package-lock.json to an empty folder, run
    // `npm install --package-lock-only` there, and copy its package-lock.json back.
    expect(drifted).toEqual([]);
  });

  it('is what sam build uses: both functions build with UseNpmCi', () => {
    const template = readFileSync(join(ROOT, 'template.yaml'), 'utf8');
    expect(template.match(/UseNpmCi: true/g)).toHaveLength(2);
  });
});

describe('what npm ci runs (npm 11 runs a dependency install script only when allowScripts says so)', () => {
  const allowScripts =
    (read('package.json') as { allowScripts?: Record<string, boolean> }).allowScripts ?? {};
  const withScripts = Object.entries(
    rootLock.packages as Record<string, { hasInstallScript?: boolean; engines?: { node?: string } }>,
  )
    .filter(([, entry]) => entry.hasInstallScript === true)
    .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));

  it('decides for every package with an install script, so a fresh install warns of none', () => {
    expect(withScripts.length).toBeGreaterThan(0);
    expect(withScripts.filter((name) => !(name in allowScripts))).toEqual([]);
  });

  it("runs esbuild's, which puts the platform's binary in place", () => {
    expect(allowScripts.esbuild).toBe(true);
  });

  it('installs nothing that refuses Node.js 20, the oldest the project supports', () => {
    const refusing = Object.entries(
      rootLock.packages as Record<string, { engines?: { node?: string } | string[] }>,
    )
      .filter(([path]) => path.startsWith('node_modules/') || path.includes('/node_modules/'))
      .flatMap(([path, entry]) => {
        const node = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        const minimum = /^>=\s*(\d+)/.exec(node ?? '')?.[1];
        return minimum !== undefined && Number(minimum) > 20 ? [`${path} (node ${node ?? ''})`] : [];
      });
    expect(refusing).toEqual([]);
  });
});
