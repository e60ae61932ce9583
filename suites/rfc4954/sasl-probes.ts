import type { CheckContext } from '../../harness/check.js';
import { handshake } from '../../harness/dialog.js';
import { required } from '../../harness/setup.js';
import type { Outcome } from '../../harness/session/outcome.js';
import { base64, plainResponse, type Credentials } from '../../harness/session/sasl.js';
import type { Session } from '../../harness/session/session.js';
import { pickPasswordMechanism } from '../keywords.js';

// Small pieces the RFC 4954 checks share. Not a check file: index.ts does not list it.

/** Why a check that authenticates with PLAIN or LOGIN is skipped. */
export const NO_PASSWORD_MECHANISM = 'the target offers neither PLAIN nor LOGIN, the mechanisms smtpspec authenticates with';

/**
 * AUTH with the run's credentials, PLAIN if offered else LOGIN, which must succeed with 235 (the
 * check stops otherwise). Returns the mechanism used, or undefined when neither is offered or the
 * run has no credentials (the caller skips with NO_PASSWORD_MECHANISM).
 */
export async function authenticate(s: Session, ctx: CheckContext): Promise<'PLAIN' | 'LOGIN' | undefined> {
  const mech = pickPasswordMechanism(s.params('AUTH'));
  if (!mech || !ctx.credentials) return undefined;
  required(await s.auth(mech, ctx.credentials), `AUTH ${mech} (valid credentials)`, [235]);
  return mech;
}

/** A user and password that certainly do not exist (never the run's real credentials). */
export function bogusCredentials(ctx: CheckContext): Credentials {
  return { user: `nosuchuser-${ctx.token}`, pass: `wrong-${ctx.token}` };
}

/** PLAIN if offered, else LOGIN, else the first advertised mechanism. */
export function probeMechanism(s: Session): string | undefined {
  return pickPasswordMechanism(s.params('AUTH')) ?? s.params('AUTH')?.[0]?.toUpperCase();
}

/** RFC 4954 §4: a lone "*" cancels an exchange; used after every 334 a probe did not want. */
export async function cancelIfChallenged(s: Session, o: Outcome): Promise<void> {
  if (o.kind === 'reply' && o.code === 334) await s.send('*');
}

/**
 * One authentication attempt with bogus credentials, sent with s.send (they are no secret, so the
 * transcript shows them). Returns the last reply; a 334 left over is cancelled.
 */
export async function bogusAuth(s: Session, mechanism: 'PLAIN' | 'LOGIN', c: Credentials): Promise<Outcome> {
  let last: Outcome;
  if (mechanism === 'PLAIN') {
    last = await s.send(`AUTH PLAIN ${plainResponse(c)}`);
  } else {
    last = await s.send('AUTH LOGIN');
    if (last.kind === 'reply' && last.code === 334) last = await s.send(base64(c.user));
    if (last.kind === 'reply' && last.code === 334) last = await s.send(base64(c.pass));
  }
  await cancelIfChallenged(s, last);
  return last;
}

/** The session, or (two protocol errors spent, or closed) a new one after EHLO (hygiene). */
export async function usable(s: Session, ctx: CheckContext): Promise<Session> {
  if (!s.isClosed && s.protocolErrors < 2) return s;
  const fresh = await ctx.connect();
  await handshake(fresh, ctx);
  return fresh;
}

/** Whether the last EHLO listed the mechanism in AUTH. */
export function offers(s: Session, mechanism: string): boolean {
  return (s.params('AUTH') ?? []).some((m) => m.toUpperCase() === mechanism);
}

/**
 * EHLO, and if none of the wanted mechanisms is offered in cleartext but STARTTLS is, STARTTLS and
 * EHLO again (RFC 4954 §4 lets servers offer password mechanisms only under TLS). Returns the first
 * wanted mechanism offered, or undefined.
 */
export async function sessionOffering(s: Session, ctx: CheckContext, wanted: readonly string[]): Promise<string | undefined> {
  await handshake(s, ctx);
  const pick = (): string | undefined => wanted.find((m) => offers(s, m));
  if (pick() !== undefined || s.tlsActive || !s.has('STARTTLS')) return pick();
  required(await s.startTls(), 'STARTTLS', [220]);
  required(await s.ehlo(ctx.heloName), `EHLO ${ctx.heloName} after STARTTLS`);
  return pick();
}
