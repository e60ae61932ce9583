// Mail data after 354, captured octet-exact. Only CRLF "." CRLF ends it (or "." CRLF right after
// the 354): the sink is strict on purpose, so that whatever a relay forwards is recorded as sent
// and a bare LF or CR (SMTP smuggling) shows up in `raw` instead of ending the data.

const END = Buffer.from('\r\n.\r\n', 'latin1');

export interface Captured {
  /** Octets as received, including the final "." CRLF (truncated past the limit). */
  readonly raw: Buffer;
  /** `raw` without the final line, one leading dot removed from every line (RFC 5321 §4.5.2). */
  readonly content: Buffer;
  readonly tooBig: boolean;
}

export class DataCapture {
  private chunks: Buffer[] = [];
  private kept = 0;
  private seen = 0;
  /**
   * The last octets seen, to find a terminator split across reads; it starts as a CRLF so that a
   * "." CRLF right after the 354 (an empty message) is found like any other end of data.
   */
  private tail = Buffer.from('\r\n', 'latin1');
  private ended = false;

  constructor(private readonly maxOctets: number) {}

  get done(): boolean {
    return this.ended;
  }

  /** Consumes input up to the end of data; returns how many octets were used (the rest are commands). */
  feed(input: Buffer): number {
    const window = Buffer.concat([this.tail, input]);
    const found = window.indexOf(END);
    let used = input.length;
    if (found !== -1) {
      used = found + END.length - this.tail.length;
      this.ended = true;
    }
    this.keep(input.subarray(0, used));
    this.seen += used;
    this.tail = Buffer.from(window.subarray(Math.max(0, this.tail.length + used - 4), this.tail.length + used));
    return used;
  }

  result(): Captured {
    const raw = Buffer.concat(this.chunks);
    const tooBig = this.seen > this.kept;
    const body = raw.length >= 3 ? raw.subarray(0, raw.length - 3) : Buffer.alloc(0);
    return { raw, content: unstuff(body), tooBig };
  }

  private keep(part: Buffer): void {
    const room = Math.max(0, this.maxOctets - this.kept);
    if (room === 0 || part.length === 0) return;
    const taken = Buffer.from(part.subarray(0, Math.min(room, part.length)));
    this.chunks.push(taken);
    this.kept += taken.length;
  }
}

/** Removes one leading dot from each CRLF-delimited line (bare CR/LF are not line ends here). */
function unstuff(data: Buffer): Buffer {
  const out: Buffer[] = [];
  let start = 0;
  while (start < data.length) {
    const crlf = data.indexOf('\r\n', start, 'latin1');
    const end = crlf === -1 ? data.length : crlf + 2;
    const line = data.subarray(start, end);
    out.push(line[0] === 0x2e ? line.subarray(1) : line);
    start = end;
  }
  return Buffer.concat(out);
}
