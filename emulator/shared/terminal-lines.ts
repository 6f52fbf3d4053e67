/** Output the terminal has not taken yet beyond which lines are dropped (and counted) instead of kept. */
export const MAX_UNWRITTEN_BYTES = 8 * 1024 * 1024;

/**
 * A line writer for the terminal that writes what a turn of the event loop logged at once: under
 * load that is one write for a burst of requests, where a console.log per line is a system call each.
 * When the terminal cannot keep up (a function floods its log, output piped to a slow reader), lines
 * are dropped rather than held in memory, and one line says how many.
 */
export function terminalLines(
  stream: NodeJS.WritableStream & { writableLength?: number } = process.stdout,
): (line: string) => void {
  let pending: string[] = [];
  let dropped = 0;
  const flush = (): void => {
    if (pending.length === 0) return;
    if ((stream.writableLength ?? 0) > MAX_UNWRITTEN_BYTES) {
      dropped += pending.length;
      pending = [];
      return;
    }
    if (dropped > 0) {
      pending.unshift(`(${dropped} lines were dropped: the terminal could not keep up)`);
      dropped = 0;
    }
    const text = `${pending.join('\n')}\n`;
    pending = [];
    stream.write(text);
  };
  process.on('exit', flush);
  return (line) => {
    if (pending.push(line) === 1) setImmediate(flush);
  };
}
