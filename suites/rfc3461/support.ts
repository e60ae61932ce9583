import type { CheckContext } from '../../harness/check.js';
import { handshake, mailFrom } from '../../harness/dialog.js';
import type { Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { worstOf, type Verdict } from '../../harness/verdict.js';

// Helpers shared by the RFC 3461 (DSN) checks.

/**
 * RFC 3461 §4: xtext. Octets outside "!".."~", "+" and "=" must be "+XX"; `encodeAll` encodes every
 * octet that way, which the RFC permits ("MAY be encoded as itself").
 */
export function xtext(text: string, encodeAll = false): string {
  return [...Buffer.from(text, 'utf8')]
    .map((b) => (!encodeAll && b >= 0x21 && b <= 0x7e && b !== 0x2b && b !== 0x3d ? String.fromCharCode(b) : `+${b.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');
}

/** Hygiene: at most two protocol errors per connection, so a spent session is replaced. */
async function usable(s: Session, ctx: CheckContext, fresh: boolean): Promise<Session> {
  if (!fresh && !s.isClosed && s.protocolErrors < 2) return s;
  const next = await ctx.connect();
  await handshake(next, ctx);
  return next;
}

/** MAIL with each parameter string in turn (RSET after each accepted one), graded by `grade`. */
export async function mailProbes(s: Session, ctx: CheckContext, params: readonly string[], grade: (o: Outcome, what: string) => Verdict): Promise<Verdict> {
  await handshake(s, ctx);
  const parts: Array<{ probe: string; verdict: Verdict }> = [];
  let session = s;
  for (const p of params) {
    session = await usable(session, ctx, false);
    const line = `MAIL FROM:<${ctx.sender}> ${p}`;
    const reply = await session.send(line);
    parts.push({ probe: p, verdict: grade(reply, line) });
    if (reply.kind === 'reply' && reply.code === 250) await session.send('RSET');
  }
  return worstOf(parts);
}

/** Inside one transaction per connection: RCPT to the local mailbox with each parameter string in turn. */
export async function rcptProbes(s: Session, ctx: CheckContext, params: readonly string[], grade: (o: Outcome, what: string) => Verdict): Promise<Verdict> {
  await handshake(s, ctx);
  await mailFrom(s, ctx);
  const parts: Array<{ probe: string; verdict: Verdict }> = [];
  let session = s;
  for (const p of params) {
    if (session.isClosed || session.protocolErrors >= 2) {
      session = await usable(session, ctx, true);
      await mailFrom(session, ctx);
    }
    const line = `RCPT TO:<${ctx.rcpt}> ${p}`;
    parts.push({ probe: p, verdict: grade(await session.send(line), line) });
  }
  return worstOf(parts);
}
