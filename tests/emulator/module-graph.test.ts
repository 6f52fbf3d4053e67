import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { preProcessFile } from 'typescript';

const EMULATOR = join(__dirname, '..', '..', 'emulator');

/** Every TypeScript file of the emulator, by absolute path. */
const files = readdirSync(EMULATOR, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !file.includes('node_modules'))
  .map((file) => join(EMULATOR, file));

/** The emulator files a file imports, `import type` included: TypeScript's own scanner reads them. */
function importsOf(file: string): string[] {
  const { importedFiles } = preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => resolve(dirname(file), specifier))
    .map((path) => (existsSync(`${path}.ts`) ? `${path}.ts` : join(path, 'index.ts')));
}

const graph = new Map(files.map((file) => [file, importsOf(file)]));
const name = (file: string): string => relative(EMULATOR, file);

/** Every import cycle, each as the files along it. */
function cycles(): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next].map(name));
      else if (state.get(next) === undefined) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (state.get(file) === undefined) visit(file);
  return found;
}

/**
 * The folders each folder may import, besides itself: the pipeline's direction. The model serves
 * nothing; the runtime runs the event it is given and knows no gateway; the edge (gateway/),
 * authorizers, mapping templates and integrations serve every gateway and know none; the gateways
 * share them and the formats below them, never one another; the edge reports and the console
 * listens. The top-level files wire them.
 */
const MAY_IMPORT: Record<string, string[]> = {
  shared: [],
  formats: ['shared'],
  template: ['shared'],
  mapping: ['shared'],
  runtime: ['shared', 'formats', 'template'],
  gateway: ['shared', 'formats', 'template', 'runtime'],
  integrations: ['shared', 'formats', 'template', 'mapping', 'runtime', 'gateway'],
  auth: ['shared', 'formats', 'template', 'runtime', 'gateway'],
  rest: ['shared', 'formats', 'template', 'mapping', 'runtime', 'gateway', 'auth', 'integrations'],
  'http-api': ['shared', 'formats', 'template', 'mapping', 'runtime', 'gateway', 'auth', 'integrations'],
  websocket: ['shared', 'formats', 'template', 'mapping', 'runtime', 'gateway', 'auth', 'integrations'],
  'lambda-api': ['shared', 'formats', 'template', 'runtime', 'gateway'],
  'function-urls': ['shared', 'formats', 'template', 'runtime', 'gateway', 'auth'],
  console: ['shared', 'gateway'],
};

/** The emulator folder a file is in, or '' for the top-level files that wire the folders together. */
const folderOf = (file: string): string => {
  const parts = name(file).split('/');
  return parts.length === 1 ? '' : (parts[0] ?? '');
};

describe("the emulator's modules", () => {
  it('sit in the folders the pipeline names', () => {
    const folders = new Set(files.map(folderOf).filter((folder) => folder !== ''));
    expect([...folders].sort()).toEqual(Object.keys(MAY_IMPORT).sort());
  });

  it("import only in the pipeline's direction", () => {
    const against = [...graph].flatMap(([file, imports]) => {
      const from = folderOf(file);
      const allowed = MAY_IMPORT[from];
      if (allowed === undefined) return [];
      return imports
        .filter((target) => {
          const to = folderOf(target);
          return to !== from && !allowed.includes(to);
        })
        .map((target) => `${name(file)} → ${name(target)}`);
    });
    expect(against).toEqual([]);
  });

  it('are all found', () => {
    expect(files.map(name)).toEqual(expect.arrayContaining(['local-api.ts', 'rest/request-handler.ts']));
  });

  it('import only files that exist', () => {
    const missing = [...graph].flatMap(([file, imports]) =>
      imports.filter((target) => !graph.has(target)).map((target) => `${name(file)} → ${name(target)}`),
    );
    expect(missing).toEqual([]);
  });

  it('import one another without a cycle, type-only imports included', () => {
    expect(cycles()).toEqual([]);
  });

  it('re-export nothing: each type is imported from the module that declares it', () => {
    const reexports = files.filter((file) =>
      /^export (type )?(\*|\{[^}]*\}) from /m.test(readFileSync(file, 'utf8')),
    );
    expect(reexports.map(name)).toEqual([]);
  });
});

describe('the function code (hello-world/)', () => {
  const FUNCTION_DIR = join(__dirname, '..', '..', 'hello-world');
  const functionFiles = readdirSync(FUNCTION_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.includes('node_modules'))
    .map((file) => join(FUNCTION_DIR, file));

  it('imports nothing outside its own folder: not the emulator, the console or the benchmarks', () => {
    const outside = functionFiles.flatMap((file) =>
      preProcessFile(readFileSync(file, 'utf8'), true, true)
        .importedFiles.map(({ fileName }) => fileName)
        .filter((specifier) => specifier.startsWith('.'))
        .filter((specifier) => relative(FUNCTION_DIR, resolve(dirname(file), specifier)).startsWith('..'))
        .map((specifier) => `${relative(FUNCTION_DIR, file)} → ${specifier}`),
    );
    expect(functionFiles.length).toBeGreaterThan(0);
    expect(outside).toEqual([]);
  });
});
