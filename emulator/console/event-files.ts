import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The largest event file the console offers: Lambda's synchronous payload limit. */
const MAX_EVENT_BYTES = 6 * 1024 * 1024;

/** The sample events of `events/` beside the template (`*.json`), by file name, for the console's invoke form. */
export function eventFiles(templateDir: string): { name: string; body: string }[] {
  const dir = join(templateDir, 'events');
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  return names
    .sort()
    .filter((name) => statSync(join(dir, name)).size <= MAX_EVENT_BYTES)
    .map((name) => ({ name, body: readFileSync(join(dir, name), 'utf8') }));
}
