/** The most one frame may carry: API Gateway closes a connection that sends a larger one with 1009. */
export const MAX_FRAME_BYTES = 32 * 1024;

/**
 * Reads the headers of the frames a client sends (RFC 6455, section 5.2) and calls back once, on
 * the first frame whose payload is over the limit. `ws` limits whole messages only; the service
 * also limits each frame, and a client must split a longer message.
 */
export class FrameSizeWatch {
  private readonly header = Buffer.alloc(14);
  private headerLength = 0;
  /** Payload bytes of the current frame still to come. */
  private remaining = 0;
  private tripped = false;

  constructor(
    private readonly limit: number,
    private readonly onOversize: () => void,
  ) {}

  push(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length && !this.tripped) {
      if (this.remaining > 0) {
        const skipped = Math.min(this.remaining, chunk.length - offset);
        this.remaining -= skipped;
        offset += skipped;
        continue;
      }
      this.header[this.headerLength++] = chunk[offset++] ?? 0;
      const payloadLength = this.completeHeader();
      if (payloadLength === undefined) continue;
      this.headerLength = 0;
      if (payloadLength > this.limit) {
        this.tripped = true;
        this.onOversize();
      }
      this.remaining = payloadLength;
    }
  }

  /** The frame's payload length once its whole header has arrived. */
  private completeHeader(): number | undefined {
    if (this.headerLength < 2) return undefined;
    const second = this.header[1] ?? 0;
    const short = second & 0x7f;
    const lengthBytes = short === 126 ? 2 : short === 127 ? 8 : 0;
    const maskBytes = (second & 0x80) === 0 ? 0 : 4;
    if (this.headerLength < 2 + lengthBytes + maskBytes) return undefined;
    if (lengthBytes === 2) return this.header.readUInt16BE(2);
    if (lengthBytes === 8) return this.header.readUInt32BE(2) * 2 ** 32 + this.header.readUInt32BE(6);
    return short;
  }
}
