// The log lines of the invocation an instance is running, kept in memory the emulator shares with it.
// Lines normally travel with the result, once per turn of the instance's event loop; when an
// instance is ended in the middle of an invocation (a timeout, a crash), the emulator reads them
// here instead, so the lines written before a hang are not lost.

const HEADER_INTS = 2; // [seq + 1 of the invocation, bytes used]
const HEADER_BYTES = HEADER_INTS * Int32Array.BYTES_PER_ELEMENT;
/** Room for the lines of one invocation; a hang rarely follows more, and the rest is said to be cut. */
const SPILL_BYTES = 64 * 1024;
/** Ends each line: a line may hold newlines (a stack trace), not a NUL. */
const END = '\0';
const CUT = '(further log lines of this invocation were cut)';

export function newLogSpill(): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER_BYTES + SPILL_BYTES);
}

/** The instance's side: starts each invocation's lines afresh and appends every line. */
export class LogSpillWriter {
  private readonly header: Int32Array;
  private readonly bytes: Uint8Array;
  private readonly encoder = new TextEncoder();
  private used = 0;
  private full = false;

  constructor(buffer: SharedArrayBuffer) {
    this.header = new Int32Array(buffer, 0, HEADER_INTS);
    this.bytes = new Uint8Array(buffer, HEADER_BYTES);
  }

  begin(seq: number): void {
    this.used = 0;
    this.full = false;
    Atomics.store(this.header, 1, 0);
    Atomics.store(this.header, 0, seq + 1);
  }

  write(line: string): void {
    if (this.full) return;
    const { read, written } = this.encoder.encodeInto(`${line}${END}`, this.bytes.subarray(this.used));
    this.used += written;
    // A line that does not fit whole is the last one kept; it lacks its end mark, so the reader says so.
    this.full = read < line.length + 1;
    Atomics.store(this.header, 1, this.used);
  }
}

/** The emulator's side: the lines of invocation `seq`, or undefined when the instance has moved on. */
export function readLogSpill(buffer: SharedArrayBuffer, seq: number): string[] | undefined {
  const header = new Int32Array(buffer, 0, HEADER_INTS);
  if (Atomics.load(header, 0) !== seq + 1) return undefined;
  const used = Atomics.load(header, 1);
  const text = new TextDecoder().decode(new Uint8Array(buffer, HEADER_BYTES, used));
  const lines = text.split(END);
  // A complete spill ends with an end mark, leaving one empty piece; anything else was cut.
  if (lines.pop() !== '') lines.push(CUT);
  return lines;
}
