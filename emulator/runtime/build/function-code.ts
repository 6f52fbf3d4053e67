import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FunctionSpec } from '../../template/functions';
import { CodeFolder } from './code-folder';
import type { FunctionCodeSource } from './code-source';
import { FunctionBundle } from './function-bundle';
import { SingleFileCode } from './single-file-code';

/** The code of a function, as sam build would make it: bundled, copied as it is, or written inline. */
export async function functionCode(fn: FunctionSpec, buildDir: string): Promise<FunctionCodeSource> {
  switch (fn.code.kind) {
    case 'esbuild':
      return FunctionBundle.create(fn, fn.code.properties, buildDir);
    case 'files':
      return new CodeFolder(fn.codeDir, buildDir);
    case 'file':
      return new SingleFileCode(fn.code.path, buildDir);
    case 'inline': {
      mkdirSync(buildDir, { recursive: true });
      writeFileSync(join(buildDir, 'index.js'), fn.code.source);
      return { root: buildDir, watch: () => Promise.resolve(), dispose: () => Promise.resolve() };
    }
  }
}
