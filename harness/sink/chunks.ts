// The content of a BDAT transaction at the sink (RFC 3030 §2): chunks are counted octets, kept as
// they came (no dot-unstuffing, no line ends looked for), with each chunk's size recorded so that
// a check can tell BDAT from DATA and see how a relay cut the message.

export class ChunkReader {
  private readonly parts: Buffer[] = [];
  private readonly sizes: number[] = [];
  private kept = 0;
  private seen = 0;

  constructor(private readonly maxOctets: number) {}

  startChunk(size: number): void {
    this.sizes.push(size);
  }

  feed(part: Buffer): void {
    this.seen += part.length;
    const room = Math.max(0, this.maxOctets - this.kept);
    if (room === 0 || part.length === 0) return;
    const taken = Buffer.from(part.subarray(0, Math.min(room, part.length)));
    this.parts.push(taken);
    this.kept += taken.length;
  }

  result(): { content: Buffer; sizes: readonly number[]; tooBig: boolean } {
    return { content: Buffer.concat(this.parts), sizes: [...this.sizes], tooBig: this.seen > this.kept };
  }
}
