import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { isAbsolute, join } from 'node:path';

// Lambda runs a function with its code folder, /var/task (LAMBDA_TASK_ROOT), as the working
// directory, so `readFileSync('data.json')` reads the file beside the handler. A worker thread
// cannot chdir (the working directory belongs to the whole process), so in the function's own
// thread process.cwd() answers its code folder and the fs functions resolve relative paths
// against it, for require('fs'), import of 'node:fs' and fs/promises alike.

/** fs functions whose first argument is a path. */
const FIRST = [
  'access',
  'appendFile',
  'chmod',
  'chown',
  'createReadStream',
  'createWriteStream',
  'exists',
  'lchmod',
  'lchown',
  'lstat',
  'lutimes',
  'mkdir',
  'mkdtemp',
  'open',
  'openAsBlob',
  'opendir',
  'readdir',
  'readFile',
  'readlink',
  'realpath',
  'rm',
  'rmdir',
  'stat',
  'statfs',
  'truncate',
  'unlink',
  'unwatchFile',
  'utimes',
  'watch',
  'watchFile',
  'writeFile',
];
/** fs functions whose first two arguments are paths. */
const BOTH = ['copyFile', 'cp', 'link', 'rename'];
/** A symlink's target is relative to the link, not to the working directory: only the link moves. */
const SECOND = ['symlink'];

export function useTaskRootAsWorkingDirectory(taskRoot: string): void {
  process.cwd = () => taskRoot;
  const absolute = (path: unknown): unknown =>
    typeof path === 'string' && path !== '' && !isAbsolute(path) ? join(taskRoot, path) : path;
  const wrap = (target: object, name: string, positions: number[]): void => {
    const original: unknown = Reflect.get(target, name);
    if (typeof original !== 'function') return;
    const wrapped = function (this: unknown, ...args: unknown[]): unknown {
      for (const position of positions) args[position] = absolute(args[position]);
      return Reflect.apply(original, this, args);
    };
    // realpath.native and the like stay reachable, and are wrapped in turn.
    Object.assign(wrapped, original);
    if ('native' in wrapped) wrap(wrapped, 'native', positions);
    Reflect.set(target, name, wrapped);
  };
  for (const suffix of ['', 'Sync']) {
    for (const name of FIRST) wrap(fs, `${name}${suffix}`, [0]);
    for (const name of BOTH) wrap(fs, `${name}${suffix}`, [0, 1]);
    for (const name of SECOND) wrap(fs, `${name}${suffix}`, [1]);
  }
  for (const name of FIRST) wrap(fs.promises, name, [0]);
  for (const name of BOTH) wrap(fs.promises, name, [0, 1]);
  for (const name of SECOND) wrap(fs.promises, name, [1]);
  syncBuiltinESMExports();
}
