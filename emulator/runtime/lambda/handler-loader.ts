// Loads a function's handler the way Lambda's Node.js runtime does: the Handler's module path is
// relative to the task root; `.js` is CommonJS unless the nearest package.json says "type": "module";
// `.mjs` is an ES module, `.cjs` CommonJS; failing those, Node's own resolution from the task root.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RuntimeError, wrapped } from './runtime-errors';

export type Handler = (...args: unknown[]) => unknown;

// The runtime loads CommonJS with require, by absolute path.
const requireModule = createRequire(__filename);

export interface LoadOptions {
  taskRoot: string;
  handler: string;
  /** Called once before the first ES module is imported, to set up its module resolution. */
  beforeImport?: () => void;
}

export async function loadHandler({ taskRoot, handler, beforeImport }: LoadOptions): Promise<Handler> {
  if (handler.includes('..')) {
    throw new RuntimeError(
      'MalformedHandlerName',
      `'${handler}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const moduleRoot = handler.slice(0, handler.length - basename(handler).length);
  const match = /^([^.]*)\.(.*)$/.exec(basename(handler));
  if (match?.[1] === undefined || match[2] === undefined)
    throw new RuntimeError('MalformedHandlerName', 'Bad handler');
  const [, moduleName, exportPath] = match;
  let userModule: unknown;
  try {
    userModule = await loadModule(
      resolve(taskRoot, moduleRoot, moduleName),
      moduleName,
      [taskRoot, moduleRoot],
      beforeImport,
    );
  } catch (error) {
    throw loadError(error, resolve(taskRoot, moduleRoot, moduleName));
  }
  const found = exportPath
    .split('.')
    .reduce<unknown>((nested, key) => (nested as Record<string, unknown> | undefined)?.[key], userModule);
  if (found === undefined || found === null || found === false || found === 0 || found === '')
    throw new RuntimeError('HandlerNotFound', `${handler} is undefined or not exported`);
  if (typeof found !== 'function') throw new RuntimeError('HandlerNotFound', `${handler} is not a function`);
  return found as Handler;
}

async function loadModule(
  path: string,
  moduleName: string,
  searchPaths: string[],
  beforeImport: (() => void) | undefined,
): Promise<unknown> {
  const importFile = async (file: string): Promise<unknown> => {
    beforeImport?.();
    return (await import(pathToFileURL(file).href)) as unknown;
  };
  if (existsSync(path)) return requireModule(path) as unknown;
  if (existsSync(`${path}.js`))
    return inTypeModulePackage(dirname(path))
      ? importFile(`${path}.js`)
      : (requireModule(`${path}.js`) as unknown);
  if (existsSync(`${path}.mjs`)) return importFile(`${path}.mjs`);
  if (existsSync(`${path}.cjs`)) return requireModule(`${path}.cjs`) as unknown;
  return requireModule(requireModule.resolve(moduleName, { paths: searchPaths })) as unknown;
}

/** Whether the nearest package.json above a folder (not past a node_modules) says "type": "module". */
function inTypeModulePackage(folder: string): boolean {
  if (folder.endsWith('/node_modules')) return false;
  const manifest = join(folder, 'package.json');
  if (existsSync(manifest)) {
    try {
      return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type === 'module';
    } catch {
      return false;
    }
  }
  const parent = dirname(folder);
  return parent !== folder && inTypeModulePackage(parent);
}

/** The runtime's error for a module that failed to load, with what a local user needs to fix it. */
function loadError(error: unknown, modulePath: string): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  if (error instanceof SyntaxError) return wrapped('UserCodeSyntaxError', error);
  const code = (error as { code?: unknown }).code;
  if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') return error;
  // Node adds the chain of requiring files, which here are the emulator's own temporary paths.
  const message = `${error.name}: ${error.message.split('\n')[0]}`;
  const typeScript = ['.ts', '.mts', '.cts'].find((ext) => existsSync(`${modulePath}${ext}`));
  const hint =
    typeScript !== undefined && !existsSync(`${modulePath}.js`)
      ? ` (${basename(modulePath)}${typeScript} is TypeScript, which Lambda does not run: give the function Metadata: BuildMethod: esbuild, as sam build needs)`
      : missingSdkHint(error.message);
  return code === 'MODULE_NOT_FOUND'
    ? wrapped('ImportModuleError', error, message + hint)
    : withHint(error, hint);
}

/** Lambda's runtimes include the AWS SDK v3; locally it comes from the project's own node_modules. */
export function missingSdkHint(message: string): string {
  const sdkPackage = /['"](@aws-sdk\/[^/'"]+)/.exec(message)?.[1];
  return sdkPackage === undefined
    ? ''
    : ` (Lambda's Node.js runtime includes ${sdkPackage}; to run it locally, install it in the project: npm install --save-dev ${sdkPackage})`;
}

function withHint(error: Error, hint: string): Error {
  if (hint !== '') error.message += hint;
  return error;
}
