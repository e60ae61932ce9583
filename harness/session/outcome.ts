// What reading from a server can yield. Timeouts, closes and malformed replies are values that a
// check grades, never exceptions (conventions: "Timeouts and closes are events to grade").

export interface Reply {
  readonly kind: 'reply';
  /** The three-digit code, e.g. 250. */
  readonly code: number;
  /** RFC 3463 enhanced status code found at the start of the first line's text, e.g. "5.5.1". */
  readonly enhanced: string | undefined;
  /** Text of every line, without code, separator and CRLF. */
  readonly lines: readonly string[];
  /** The reply exactly as received, all lines. */
  readonly raw: Buffer;
  /** Grammar problems that did not stop parsing (RFC 5321 §4.2, §4.5.3.1.5). */
  readonly deviations: readonly string[];
}

/** No complete reply arrived within the wait. */
export interface ReplyTimeout {
  readonly kind: 'timeout';
  readonly afterMs: number;
  /** Bytes of an incomplete reply that had arrived, if any. */
  readonly partial: Buffer;
}

/** The server closed (or reset) the connection before a complete reply arrived. */
export interface ConnectionClosed {
  readonly kind: 'closed';
  readonly partial: Buffer;
  readonly error?: string;
}

/** Bytes arrived that cannot be read as a reply at all (bad code, endless line, mixed codes). */
export interface ProtocolViolation {
  readonly kind: 'violation';
  readonly detail: string;
  readonly raw: Buffer;
}

export type Outcome = Reply | ReplyTimeout | ConnectionClosed | ProtocolViolation;

export type ReplyClass = 'ok' | 'intermediate' | 'tempfail' | 'permfail';

export function replyClass(code: number): ReplyClass | undefined {
  const first = Math.floor(code / 100);
  if (first === 2) return 'ok';
  if (first === 3) return 'intermediate';
  if (first === 4) return 'tempfail';
  if (first === 5) return 'permfail';
  return undefined;
}

export function isReply(o: Outcome): o is Reply {
  return o.kind === 'reply';
}

export function isClass(o: Outcome, cls: ReplyClass): o is Reply {
  return o.kind === 'reply' && replyClass(o.code) === cls;
}

/** One-line description for "actual" fields and messages, e.g. `503 5.5.1 need MAIL command`. */
export function describeOutcome(o: Outcome): string {
  switch (o.kind) {
    case 'reply': {
      const text = o.lines.join(' / ');
      return text.length > 0 ? `${o.code} ${text}` : String(o.code);
    }
    case 'timeout':
      return `no reply within ${o.afterMs} ms` + (o.partial.length ? ` (partial: ${JSON.stringify(o.partial.toString('latin1').slice(0, 80))})` : '');
    case 'closed':
      return 'connection closed' + (o.error ? ` (${o.error})` : '') + (o.partial.length ? ` after partial reply ${JSON.stringify(o.partial.toString('latin1').slice(0, 80))}` : '');
    case 'violation':
      return `protocol violation: ${o.detail}`;
  }
}
