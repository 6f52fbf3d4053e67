import { Writable } from 'node:stream';
import { MAX_UNWRITTEN_BYTES, terminalLines } from '../../../emulator/shared/terminal-lines';

/** A terminal that takes nothing until told to: its writes pile up as Node's would. */
class StuckTerminal extends Writable {
  readonly written: string[] = [];
  private release: (() => void) | undefined;

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.written.push(chunk.toString());
    this.release = done;
  }

  unstick(): void {
    const release = this.release;
    this.release = undefined;
    release?.();
  }
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('terminalLines', () => {
  it('writes what one turn logged in one write', async () => {
    const terminal = new StuckTerminal({ highWaterMark: 1 });
    const log = terminalLines(terminal);
    log('a');
    log('b');
    await nextTurn();
    expect(terminal.written).toEqual(['a\nb\n']);
  });

  it('drops lines while the terminal cannot keep up, then says how many', async () => {
    const terminal = new StuckTerminal();
    const log = terminalLines(terminal);
    log('x'.repeat(MAX_UNWRITTEN_BYTES + 1)); // taken, and not yet written out
    await nextTurn();
    log('first dropped');
    log('second dropped');
    await nextTurn();
    for (let write = 0; write < 3; write++) terminal.unstick();
    await nextTurn();
    log('after');
    await nextTurn();
    terminal.unstick();
    expect(terminal.written.slice(1)).toEqual([
      '(2 lines were dropped: the terminal could not keep up)\nafter\n',
    ]);
  });
});
