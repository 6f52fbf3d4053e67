import { LogSpillWriter, newLogSpill, readLogSpill } from '../../../emulator/runtime/instances/log-spill';

describe('the log spill of a running invocation', () => {
  it('gives back the lines of the invocation it holds, stack traces whole', () => {
    const buffer = newLogSpill();
    const writer = new LogSpillWriter(buffer);
    writer.begin(7);
    writer.write('first');
    writer.write('Error: boom\n    at handler (app.ts:3:9)');
    expect(readLogSpill(buffer, 7)).toEqual(['first', 'Error: boom\n    at handler (app.ts:3:9)']);
  });

  it('gives nothing for an invocation it no longer holds, and starts each one empty', () => {
    const buffer = newLogSpill();
    const writer = new LogSpillWriter(buffer);
    writer.begin(1);
    writer.write('of the first');
    writer.begin(2);
    expect(readLogSpill(buffer, 1)).toBeUndefined();
    expect(readLogSpill(buffer, 2)).toEqual([]);
  });

  it('keeps what fits and says that the rest was cut', () => {
    const buffer = newLogSpill();
    const writer = new LogSpillWriter(buffer);
    writer.begin(3);
    const line = 'x'.repeat(1000);
    for (let i = 0; i < 100; i++) writer.write(line);
    writer.write('short, after the room ran out');
    const lines = readLogSpill(buffer, 3) ?? [];
    expect(lines.length).toBeGreaterThan(50);
    expect(lines.slice(0, -1).every((kept) => kept === line)).toBe(true);
    expect(lines.at(-1)).toBe('(further log lines of this invocation were cut)');
  });
});
