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

describe("the emulator's modules", () => {
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
