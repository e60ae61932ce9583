import type { Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';

// Pieces the RFC 2920 checks share. Not a check file: index.ts does not list it.

export interface Withheld {
  /** Replies that came without any further input. */
  readonly replies: Outcome[];
  /**
   * 'complete': all expected replies came; 'withheld': some came only after the NOOP nudge;
   * 'silent': none came even after the nudge (or the server closed): nothing can be concluded.
   */
  readonly result: 'complete' | 'withheld' | 'silent';
  /** What the nudge brought (the missing replies, then the NOOP's). */
  readonly afterNudge: Outcome[];
}

/**
 * Waits up to `windowMs` for `count` replies to input already sent, sending nothing. If they do not
 * all come, sends a NOOP: replies that appear only then were held back until more input arrived
 * (RFC 2920 §3.2 (5)-(7)); if nothing appears even then, the server is merely slow or stuck.
 */
export async function awaitWithoutMoreInput(s: Session, count: number, windowMs: number): Promise<Withheld> {
  const replies: Outcome[] = [];
  const deadline = Date.now() + windowMs;
  while (replies.length < count) {
    const o = await s.read(Math.max(1, deadline - Date.now()));
    if (o.kind === 'timeout') break;
    replies.push(o);
    if (o.kind !== 'reply') return { replies, result: 'silent', afterNudge: [] };
  }
  if (replies.length === count) return { replies, result: 'complete', afterNudge: [] };
  await s.sendRaw('NOOP\r\n');
  const afterNudge: Outcome[] = [];
  for (let i = replies.length; i <= count; i++) {
    const o = await s.read();
    if (o.kind !== 'reply') break;
    afterNudge.push(o);
  }
  return { replies, result: afterNudge.length > 0 ? 'withheld' : 'silent', afterNudge };
}

/**
 * How long to wait before calling a reply withheld: ten round trips of a command the server
 * answered at once (at least 1 s), within the run's reply timeout; undefined when the server is
 * too slow for the measurement to mean anything.
 */
export function flushWindow(roundTripMs: number, replyTimeoutMs: number): number | undefined {
  const window = Math.max(1_000, 10 * roundTripMs);
  return window <= replyTimeoutMs ? window : undefined;
}

/** Times one EHLO (answered at once by any server that works at all): the calibration round trip. */
export async function timedEhlo(s: Session, name: string): Promise<{ reply: Outcome; ms: number }> {
  const started = Date.now();
  const reply = await s.ehlo(name);
  return { reply, ms: Date.now() - started };
}
