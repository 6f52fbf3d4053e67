// Module resolution hooks for an instance whose function imports ES modules. Lambda puts its layers'
// node_modules and the runtime's own SDK on NODE_PATH and makes them importable from ES modules too
// (Node.js 18 and later); Node's ES module resolver ignores NODE_PATH, so a bare specifier that is
// not found from the importing file is looked up in those folders, in NODE_PATH's order.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface ResolveContext {
  parentURL?: string;
  conditions: string[];
  importAttributes?: Record<string, string>;
}
interface ResolveResult {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
}
type NextResolve = (specifier: string, context?: ResolveContext) => Promise<ResolveResult>;

let fallbackDirs: string[] = [];

export function initialize(data: { dirs: string[] }): void {
  fallbackDirs = data.dirs;
}

export async function resolve(
  specifier: string,
  context: ResolveContext,
  next: NextResolve,
): Promise<ResolveResult> {
  try {
    return await next(specifier, context);
  } catch (error) {
    const bare = !/^(\.|\/|[a-z]+:)/.test(specifier);
    if ((error as { code?: unknown }).code !== 'ERR_MODULE_NOT_FOUND' || !bare) throw error;
    for (const dir of fallbackDirs) {
      try {
        // As if imported from a file beside the folder's packages.
        return await next(specifier, { ...context, parentURL: pathToFileURL(join(dir, 'index.mjs')).href });
      } catch {
        // Not in this folder: the next one.
      }
    }
    throw error;
  }
}
