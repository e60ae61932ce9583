import type { CheckContext } from '../../harness/check.js';
import { handshake, startTlsSession } from '../../harness/dialog.js';
import type { Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { required } from '../../harness/setup.js';

// Pieces the RFC 3207 checks share. Not a check file: index.ts does not list it.

/** A refusal that asks for TLS first: 530, or any refusal whose text names TLS (RFC 3207 §4). */
export function demandsTls(o: Outcome): boolean {
  if (o.kind !== 'reply' || o.code < 400) return false;
  const text = o.lines.join(' ');
  return /\b(STARTTLS|TLS|SSL|encrypt\w*)\b/i.test(text) || (o.code === 530 && !/\bauth\w*/i.test(text));
}

/**
 * EHLO, STARTTLS, handshake, EHLO again (the session is in its initial state after TLS, RFC 3207
 * §4.2); returns the keywords seen before TLS (undefined when the session was already in TLS).
 * Returns 'no-starttls' when the target does not offer STARTTLS on this connection.
 */
export async function upgradeToTls(s: Session, ctx: CheckContext): Promise<ReadonlyMap<string, readonly string[]> | undefined | 'no-starttls'> {
  let before: ReadonlyMap<string, readonly string[]> | undefined;
  if (!s.tlsActive) {
    await handshake(s, ctx);
    if (!s.has('STARTTLS')) return 'no-starttls';
    before = s.ehloKeywords;
    await startTlsSession(s);
  }
  required(await s.ehlo(ctx.heloName), `EHLO ${ctx.heloName} (inside TLS)`);
  return before;
}

/** The submission ports (RFC 6409 §3.1, RFC 8314 §3.3), where requiring TLS is allowed. */
export const SUBMISSION_PORTS: ReadonlySet<number> = new Set([587, 465]);
