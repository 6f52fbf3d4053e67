/**
 * A line writer for the terminal that writes what a turn of the event loop logged at once: under
 * load that is one write for a burst of requests, where a console.log per line is a system call each.
 */
export function terminalLines(stream: NodeJS.WritableStream = process.stdout): (line: string) => void {
  let pending: string[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    const text = `${pending.join('\n')}\n`;
    pending = [];
    stream.write(text);
  };
  process.on('exit', flush);
  return (line) => {
    if (pending.push(line) === 1) setImmediate(flush);
  };
}
