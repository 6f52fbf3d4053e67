import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { EMULATOR_DIR } from '../../shared/emulator-dir';

// esbuild builds without checking types, as sam build does, so a type error would be served
// silently. The project's own TypeScript checker runs beside the server in watch mode (its own
// process: off the request path, never delaying a reload) and each new diagnostic is said once.

const DIAGNOSTIC = /^(.+)\((\d+),(\d+)\): error (TS\d+): (.*)$/;
const CYCLE_END = /Found (\d+) errors?\. Watching for file changes\./;

export class TypeChecker {
  private reported = new Set<string>();
  private current = new Set<string>();
  private hadErrors = false;

  private constructor(
    private readonly child: ChildProcess,
    private readonly projectDir: string,
    private readonly log: (line: string) => void,
    private readonly onDiagnostics: (diagnostics: string[]) => void,
  ) {
    child.on('error', () => undefined);
    if (child.stdout === null) return;
    createInterface({ input: child.stdout }).on('line', (line) => {
      this.onLine(line);
    });
  }

  /**
   * Starts `tsc --watch` on the project's tsconfig.json; undefined, with the reason said, when the
   * project has none or TypeScript is not installed.
   */
  static start(
    projectDir: string,
    log: (line: string) => void,
    onDiagnostics: (diagnostics: string[]) => void = () => undefined,
  ): TypeChecker | undefined {
    const tsconfig = join(projectDir, 'tsconfig.json');
    if (!existsSync(tsconfig)) return undefined;
    let tsc: string;
    try {
      tsc = createRequire(join(projectDir, 'package.json')).resolve('typescript/bin/tsc', {
        paths: [projectDir, EMULATOR_DIR],
      });
    } catch {
      log('types: not checked (TypeScript is not installed: npm install --save-dev typescript)');
      return undefined;
    }
    const child = spawn(
      process.execPath,
      [tsc, '--noEmit', '--watch', '--preserveWatchOutput', '--pretty', 'false', '-p', tsconfig],
      { cwd: projectDir, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    // At low priority, so that checking never takes a core the server or a rebuild needs.
    try {
      if (child.pid !== undefined) setPriority(child.pid, 15);
    } catch {
      // Not allowed here: it runs at normal priority.
    }
    return new TypeChecker(child, projectDir, log, onDiagnostics);
  }

  private onLine(line: string): void {
    const diagnostic = DIAGNOSTIC.exec(line);
    if (diagnostic !== null) {
      const [, file = '', row, column, code, message] = diagnostic;
      const where = relative(this.projectDir, join(this.projectDir, file)) || file;
      this.current.add(`${where}:${row ?? ''}:${column ?? ''} ${code ?? ''} ${message ?? ''}`);
      return;
    }
    const end = CYCLE_END.exec(line);
    if (end === null) return;
    for (const text of this.current) if (!this.reported.has(text)) this.log(`types: ${text}`);
    if (this.current.size === 0 && this.hadErrors) this.log('types clean');
    this.hadErrors = this.current.size > 0;
    this.onDiagnostics([...this.current]);
    this.reported = this.current;
    this.current = new Set();
  }

  close(): void {
    this.child.kill();
  }
}
