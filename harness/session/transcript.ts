import { escapeBytes, splitLinesKeepEnds } from './escape.js';

/** Swaks-style hint: `->` sent, `<-` received, `~>`/`<~` the same inside TLS, `**` an event. */
export type TranscriptMark = '->' | '<-' | '~>' | '<~' | '**';

export interface TranscriptEntry {
  /** Milliseconds since the session started. */
  readonly t: number;
  readonly mark: TranscriptMark;
  /** One wire line (escaped) or an event description. */
  readonly text: string;
}

const MAX_ENTRY_OCTETS = 2_048;
const MAX_ENTRIES = 2_000;
export const REDACTED = '[redacted]';

/**
 * The annotated record of one session. Bounded (a hostile server cannot make it grow without
 * limit) and redacting: every secret registered with `addSecret` is replaced before it is stored,
 * so credentials never reach a report, a log or a terminal.
 */
export class Transcript {
  private readonly entries: TranscriptEntry[] = [];
  private readonly secrets = new Set<string>();
  private dropped = 0;
  private readonly started = Date.now();

  addSecret(secret: string): void {
    if (secret.length > 0) this.secrets.add(secret);
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so that a secret containing another is replaced whole.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join(REDACTED);
    return out;
  }

  sent(bytes: Uint8Array, tls: boolean, shownAs?: string): void {
    const mark = tls ? '~>' : '->';
    if (shownAs !== undefined) return this.push(mark, shownAs);
    this.pushBytes(mark, bytes);
  }

  received(bytes: Uint8Array, tls: boolean): void {
    this.pushBytes(tls ? '<~' : '<-', bytes);
  }

  event(text: string): void {
    this.push('**', text);
  }

  list(): readonly TranscriptEntry[] {
    return this.dropped > 0
      ? [...this.entries, { t: Date.now() - this.started, mark: '**', text: `transcript truncated: ${this.dropped} more entries not kept` }]
      : this.entries;
  }

  /** The transcript as text, one entry per line: `-> EHLO client.test\r\n`. */
  render(): string {
    return this.list()
      .map((e) => `${e.mark} ${e.text}`)
      .join('\n');
  }

  private pushBytes(mark: TranscriptMark, bytes: Uint8Array): void {
    if (bytes.length > MAX_ENTRY_OCTETS * 2) {
      // Large writes (a 64 KiB message) are shown by their head and tail only.
      const head = bytes.subarray(0, MAX_ENTRY_OCTETS);
      const tail = bytes.subarray(bytes.length - 256);
      for (const line of splitLinesKeepEnds(head)) this.push(mark, escapeBytes(line));
      this.push('**', `${bytes.length - head.length - tail.length} octets not shown`);
      for (const line of splitLinesKeepEnds(tail)) this.push(mark, escapeBytes(line));
      return;
    }
    for (const line of splitLinesKeepEnds(bytes)) this.push(mark, escapeBytes(line));
  }

  private push(mark: TranscriptMark, text: string): void {
    if (this.entries.length >= MAX_ENTRIES) {
      this.dropped++;
      return;
    }
    const clipped = text.length > MAX_ENTRY_OCTETS * 2 ? `${text.slice(0, MAX_ENTRY_OCTETS * 2)}… (${text.length} characters)` : text;
    this.entries.push({ t: Date.now() - this.started, mark, text: this.redact(clipped) });
  }
}
