/** A `Handler` split as Lambda's Node.js runtime splits it. */
export interface HandlerName {
  /** The module's path without extension, relative to the code's root: `src/handlers/items`. */
  modulePath: string;
  /** The export, possibly nested: `list`, `handlers.get`. */
  exportPath: string;
}

/**
 * `src/handlers/items.list` → module `src/handlers/items`, export `list`: the module is the last
 * path segment up to its first dot. Undefined when there is no dot after the last slash.
 */
export function parseHandlerName(handler: string): HandlerName | undefined {
  const slash = handler.lastIndexOf('/');
  const base = handler.slice(slash + 1);
  const dot = base.indexOf('.');
  if (dot < 0) return undefined;
  return { modulePath: handler.slice(0, slash + 1) + base.slice(0, dot), exportPath: base.slice(dot + 1) };
}
