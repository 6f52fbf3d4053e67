import { SeqWindow } from '../../../emulator/runtime/instances/seq-window';

describe('SeqWindow, the jobs an instance holds by sequence number', () => {
  it('holds values by number and gives them back in order, the oldest first', () => {
    const window = new SeqWindow<string>(4);
    window.set(7, 'seven');
    window.set(8, 'eight');
    window.set(10, 'ten');
    expect(window.size).toBe(3);
    expect(window.oldest).toBe(7);
    expect(window.get(8)).toBe('eight');
    expect(window.get(9)).toBeUndefined();
    expect([...window.entries()]).toEqual([
      [7, 'seven'],
      [8, 'eight'],
      [10, 'ten'],
    ]);
  });

  it('moves the oldest on as values are deleted, in any order', () => {
    const window = new SeqWindow<string>(4);
    for (const seq of [0, 1, 2, 3]) window.set(seq, String(seq));
    expect(window.delete(1)).toBe(true);
    expect(window.oldest).toBe(0);
    expect(window.delete(0)).toBe(true);
    expect(window.oldest).toBe(2);
    expect(window.delete(0)).toBe(false);
    window.set(4, '4'); // reuses the slot of 0
    expect(window.get(0)).toBeUndefined();
    expect([...window.entries()].map(([seq]) => seq)).toEqual([2, 3, 4]);
    for (const [seq] of window.entries()) window.delete(seq);
    expect(window.size).toBe(0);
    expect(window.oldest).toBeUndefined();
  });

  it('refuses a number too far from the oldest held, rather than overwrite it', () => {
    const window = new SeqWindow<string>(4);
    window.set(0, 'zero');
    expect(() => {
      window.set(4, 'four');
    }).toThrow(RangeError);
    expect(window.get(0)).toBe('zero');
  });
});
