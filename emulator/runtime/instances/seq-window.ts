/**
 * Values by sequence number, for numbers handed out in increasing order and never more than
 * `capacity` apart among those held: the jobs an instance holds. A Map would do, but with a job
 * added and deleted per request its table is rebuilt every few dozen jobs, and the replaced tables
 * still name the jobs that were in them; until a full collection those jobs, and the requests they
 * answer, outlive their time and are promoted to the old generation. Measured under load: 2.8 KB
 * promoted per request with a Map, 1.1 KB with this (the rest were spread copies, see server.ts), and
 * half the GC pause time on the HTTP thread.
 * A slot is cleared as soon as its job ends.
 */
export class SeqWindow<T> {
  private readonly values: (T | undefined)[];
  private readonly seqs: number[];
  private count = 0;
  /** No value is held below it. */
  private low = 0;

  constructor(private readonly capacity: number) {
    this.values = Array.from({ length: capacity }, () => undefined);
    this.seqs = Array.from({ length: capacity }, () => -1);
  }

  get size(): number {
    return this.count;
  }

  /** The lowest sequence number held, or undefined when none is. */
  get oldest(): number | undefined {
    return this.count === 0 ? undefined : this.low;
  }

  get(seq: number): T | undefined {
    const slot = seq % this.capacity;
    return this.seqs[slot] === seq ? this.values[slot] : undefined;
  }

  set(seq: number, value: T): void {
    if (this.count === 0) this.low = seq;
    if (seq < this.low || seq - this.low >= this.capacity) {
      throw new RangeError(`sequence number ${seq} is outside the window from ${this.low}`);
    }
    const slot = seq % this.capacity;
    if (this.seqs[slot] !== seq) this.count++;
    this.seqs[slot] = seq;
    this.values[slot] = value;
  }

  delete(seq: number): boolean {
    const slot = seq % this.capacity;
    if (this.seqs[slot] !== seq) return false;
    this.seqs[slot] = -1;
    this.values[slot] = undefined;
    this.count--;
    while (this.count > 0 && this.seqs[this.low % this.capacity] !== this.low) this.low++;
    return true;
  }

  /** [seq, value] pairs in increasing order; deleting while iterating is safe. */
  *entries(): Generator<[number, T]> {
    if (this.count === 0) return;
    for (let seq = this.low, end = this.low + this.capacity; seq < end; seq++) {
      const value = this.get(seq);
      if (value !== undefined) yield [seq, value];
    }
  }
}
