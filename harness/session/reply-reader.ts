import type { ProtocolViolation, Reply } from './outcome.js';

export interface ReplyReaderLimits {
  /** A line longer than this without a line end is a violation; RFC 5321 §4.5.3.1.5 allows 512. */
  maxLineOctets: number;
  /** A reply with more lines than this is a violation (keeps a hostile server from exhausting memory). */
  maxLines: number;
}

export const defaultReplyReaderLimits: ReplyReaderLimits = { maxLineOctets: 16_384, maxLines: 1_000 };

/** RFC 5321 §4.5.3.1.5: a reply line is at most 512 octets, code and CRLF included. */
export const MAX_REPLY_LINE = 512;

const ENHANCED = /^([245])\.(\d{1,3})\.(\d{1,3})(?= |$)/;

interface ParsedLine {
  code: number;
  codeText: string;
  last: boolean;
  text: string;
  deviations: string[];
}

/**
 * Incremental reader of RFC 5321 §4.2 replies. Feed it bytes; take complete replies out. It never
 * throws on input: what cannot be read as a reply comes out as a ProtocolViolation, and after a
 * violation that leaves it unable to find the next reply (an endless line) it is `broken`.
 */
export class ReplyReader {
  private buffer: Buffer = Buffer.alloc(0);
  private lines: ParsedLine[] = [];
  /** Where the next unparsed line starts; lines before it belong to the reply being read. */
  private cursor = 0;
  private pendingViolation: string | undefined;
  broken = false;

  constructor(private readonly limits: ReplyReaderLimits = defaultReplyReaderLimits) {}

  push(chunk: Uint8Array): void {
    if (this.broken) return;
    this.buffer = this.buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buffer, chunk]);
  }

  /** Bytes received that are not yet part of a returned reply. */
  pending(): Buffer {
    return this.buffer;
  }

  next(): Reply | ProtocolViolation | undefined {
    if (this.broken) return undefined;
    for (;;) {
      const start = this.cursor;
      const lf = this.buffer.indexOf(0x0a, start);
      if (lf === -1) {
        if (this.buffer.length - start > this.limits.maxLineOctets) {
          this.broken = true;
          return this.violation(`a reply line exceeds ${this.limits.maxLineOctets} octets without a line end`, this.buffer.length);
        }
        return undefined;
      }
      const lineBytes = this.buffer.subarray(start, lf + 1);
      const parsed = parseLine(lineBytes);
      if (typeof parsed === 'string') {
        // An unreadable line: report it alone so that the next line can still be read.
        const end = lf + 1;
        return this.violation(this.lines.length > 0 ? `inside a multi-line reply: ${parsed}` : parsed, end);
      }
      const first = this.lines[0];
      if (first && parsed.codeText !== first.codeText && this.pendingViolation === undefined) {
        // RFC 5321 §4.2.1: every line of a multi-line reply carries the same code. Keep reading to
        // the last line so that the next reply starts in the right place.
        this.pendingViolation = `multi-line reply changes its code from ${first.codeText} to ${parsed.codeText}`;
      }
      this.lines.push(parsed);
      this.cursor = lf + 1;
      if (this.lines.length > this.limits.maxLines) {
        this.broken = true;
        return this.violation(`a reply has more than ${this.limits.maxLines} lines`, this.buffer.length);
      }
      if (!parsed.last) continue;
      const end = lf + 1;
      if (this.pendingViolation !== undefined) return this.violation(this.pendingViolation, end);
      return this.reply(end);
    }
  }

  private reply(end: number): Reply {
    const raw = Buffer.from(this.buffer.subarray(0, end));
    const lines = this.lines;
    const firstLine = lines[0]!;
    const deviations = lines.flatMap((l) => l.deviations);
    const enhancedMatch = ENHANCED.exec(firstLine.text);
    this.consume(end);
    return {
      kind: 'reply',
      code: firstLine.code,
      enhanced: enhancedMatch ? `${enhancedMatch[1]}.${enhancedMatch[2]}.${enhancedMatch[3]}` : undefined,
      lines: lines.map((l) => l.text),
      raw,
      deviations,
    };
  }

  private violation(detail: string, end: number): ProtocolViolation {
    const raw = Buffer.from(this.buffer.subarray(0, end));
    this.consume(end);
    return { kind: 'violation', detail, raw };
  }

  private consume(end: number): void {
    this.buffer = this.buffer.subarray(end);
    this.cursor = 0;
    this.lines = [];
    this.pendingViolation = undefined;
  }
}

/** Parses one line including its line end; returns a reason string when it is not a reply line. */
function parseLine(line: Buffer): ParsedLine | string {
  const deviations: string[] = [];
  let body: Buffer;
  if (line.length >= 2 && line[line.length - 2] === 0x0d) {
    body = line.subarray(0, line.length - 2);
  } else {
    body = line.subarray(0, line.length - 1);
    deviations.push('reply line ends with a bare LF instead of CRLF');
  }
  if (line.length > MAX_REPLY_LINE) deviations.push(`reply line of ${line.length} octets exceeds the 512-octet limit`);
  if (body.length < 3) return `line too short for a reply code: ${JSON.stringify(body.toString('latin1'))}`;
  const codeText = body.subarray(0, 3).toString('latin1');
  if (!/^\d{3}$/.test(codeText)) return `line does not start with a three-digit code: ${JSON.stringify(body.subarray(0, 40).toString('latin1'))}`;
  if (!/^[2-5][0-5]\d$/.test(codeText)) deviations.push(`reply code ${codeText} is outside the Reply-code grammar (2-5, 0-5, 0-9)`);
  const sep = body[3];
  let last: boolean;
  let text: Buffer;
  if (sep === undefined) {
    last = true;
    text = Buffer.alloc(0);
    deviations.push(`reply line "${codeText}" has no space after the code`);
  } else if (sep === 0x20) {
    last = true;
    text = body.subarray(4);
  } else if (sep === 0x2d) {
    last = false;
    text = body.subarray(4);
  } else {
    return `reply code ${codeText} is followed by ${JSON.stringify(String.fromCharCode(sep))}, not a space or hyphen`;
  }
  for (const b of text) {
    if (b === 0x0d || b === 0x0a || b === 0x00) {
      deviations.push('reply text contains CR, LF or NUL');
      break;
    }
  }
  return { code: Number(codeText), codeText, last, text: text.toString('utf8'), deviations };
}
