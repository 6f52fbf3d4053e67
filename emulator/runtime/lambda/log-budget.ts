/** CloudWatch's largest log event: a longer line is cut there. */
export const MAX_LOG_LINE_BYTES = 256 * 1024;
/** What the emulator keeps of one invocation's log lines, for the terminal and the console. */
export const MAX_LOG_BYTES_PER_INVOCATION = 1024 * 1024;

/**
 * One invocation's log lines, bounded: each line at CloudWatch's 256 KB, all of them at 1 MB, so a
 * function that floods its log cannot flood the emulator's memory or the terminal. What is cut is
 * counted, and said in one line at the end.
 */
export class LogBudget {
  private bytes = 0;
  private cutLines = 0;

  /** Starts a new invocation's budget. */
  reset(): void {
    this.bytes = 0;
    this.cutLines = 0;
  }

  /** The line as it is kept (cut at 256 KB), or undefined once the invocation's budget is spent. */
  admit(line: string): string | undefined {
    const bytes = Buffer.byteLength(line);
    if (this.bytes + Math.min(bytes, MAX_LOG_LINE_BYTES) > MAX_LOG_BYTES_PER_INVOCATION) {
      this.cutLines++;
      return undefined;
    }
    const kept = bytes > MAX_LOG_LINE_BYTES ? cutLine(line) : line;
    this.bytes += Math.min(bytes, MAX_LOG_LINE_BYTES);
    return kept;
  }

  /** The line that says what was cut, or undefined when nothing was. */
  summary(): string | undefined {
    if (this.cutLines === 0) return undefined;
    return `(${this.cutLines} further log lines of this invocation were cut: the emulator keeps ${MAX_LOG_BYTES_PER_INVOCATION / 1024 / 1024} MB of log a invocation)`;
  }
}

function cutLine(line: string): string {
  const mark = ` … (line cut at ${MAX_LOG_LINE_BYTES / 1024} KB, as CloudWatch cuts a log event)`;
  const kept = Buffer.from(line).subarray(0, MAX_LOG_LINE_BYTES - Buffer.byteLength(mark));
  // A cut in the middle of a character leaves a replacement mark; drop it.
  return `${kept.toString('utf8').replace(/\uFFFD$/, '')}${mark}`;
}
