import type { CheckContext } from '../../harness/check.js';
import { handshake, startTlsSession } from '../../harness/dialog.js';
import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { required } from '../../harness/setup.js';
import { skip, type Verdict } from '../../harness/verdict.js';
import { authenticate, NO_PASSWORD_MECHANISM } from '../rfc4954/sasl-probes.js';

// Pieces the RFC 6409 checks share. Not a check file: index.ts does not list it.

export const SUBMISSION_SERVER = 'submission servers that require AUTH (an unauthenticated MAIL or RCPT is refused with 530)';

/** A refusal that asks the client to authenticate: 530, or an X.7.x refusal whose text says so. */
export function demandsAuth(o: Outcome): boolean {
  if (o.kind !== 'reply' || o.code < 400) return false;
  return o.code === 530 || (/^[45]\.7\.\d+$/.test(o.enhanced ?? '') && /\bauth\w*|\blog ?in\b/i.test(o.lines.join(' ')));
}

/**
 * EHLO, and STARTTLS with a second EHLO when offered (submission servers often offer AUTH only
 * inside TLS, RFC 6409 §4.3 with RFC 3207); the session is then unauthenticated and idle.
 */
export async function openSubmission(s: Session, ctx: CheckContext): Promise<void> {
  await handshake(s, ctx);
  if (s.tlsActive || !s.has('STARTTLS')) return;
  await startTlsSession(s);
  required(await s.ehlo(ctx.heloName), `EHLO ${ctx.heloName} (inside TLS)`);
}

export interface Unauthenticated {
  /** 'mail': MAIL refused for want of AUTH; 'rcpt': MAIL accepted, RCPT refused so; 'none': mail accepted. */
  readonly refusedAt: 'mail' | 'rcpt' | 'none';
  readonly mail: Outcome;
  readonly rcpt: Outcome | undefined;
}

/** An unauthenticated MAIL (and RCPT when MAIL passes) from the test mailbox; leaves no transaction open. */
export async function tryUnauthenticated(s: Session, ctx: CheckContext): Promise<Unauthenticated> {
  const mail = await s.send(`MAIL FROM:<${ctx.rcpt}>`);
  if (demandsAuth(mail)) return { refusedAt: 'mail', mail, rcpt: undefined };
  if (mail.kind !== 'reply' || mail.code !== 250) return { refusedAt: 'none', mail, rcpt: undefined };
  const rcpt = await s.send(`RCPT TO:<${ctx.rcpt}>`);
  await s.send('RSET');
  return { refusedAt: demandsAuth(rcpt) ? 'rcpt' : 'none', mail, rcpt };
}

/**
 * For the checks about an authenticated submission: opens the session, checks that the target
 * requires AUTH (else a skip verdict), then authenticates with the run's credentials.
 */
export async function authenticatedSubmission(s: Session, ctx: CheckContext): Promise<Verdict | undefined> {
  await openSubmission(s, ctx);
  const probe = await tryUnauthenticated(s, ctx);
  if (probe.refusedAt === 'none') {
    return skip(`not a submission server requiring AUTH: unauthenticated MAIL got ${describeOutcome(probe.mail)}` + (probe.rcpt ? `, RCPT ${describeOutcome(probe.rcpt)}` : ''));
  }
  return (await authenticate(s, ctx)) ? undefined : skip(NO_PASSWORD_MECHANISM);
}
