import type { CheckContext } from '../../harness/check.js';
import { handshake, startTlsSession } from '../../harness/dialog.js';
import { required } from '../../harness/setup.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import { plainResponse } from '../../harness/session/sasl.js';
import type { Session } from '../../harness/session/session.js';
import { pass, skip, unimplemented, violation, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { bogusCredentials, cancelIfChallenged, offers, sessionOffering } from './sasl-probes.js';

// RFC 4954 §4 and §9: password mechanisms and the transport. Servers must be able to refuse
// plaintext passwords outside TLS and sites should not allow them there; PLAIN over TLS must be
// implemented; and PLAIN with an initial response may be followed by pipelined commands (RFC 2920
// §3.1 lets only AUTH end a group when it needs a further round trip).

/** A connection over loopback never crosses a network: nothing on it can be snooped. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^(::ffff:)?127\./.test(host);
}

/**
 * The part of no-plaintext-without-tls that talks to the server: in cleartext, is a password
 * mechanism offered, and does AUTH PLAIN get as far as checking credentials?
 */
export async function plaintextExposure(s: Session, ctx: CheckContext): Promise<Verdict> {
  await handshake(s, ctx);
  const offered = ['PLAIN', 'LOGIN'].filter((m) => offers(s, m));
  const reply = await s.send(`AUTH PLAIN ${plainResponse(bogusCredentials(ctx))}`);
  await cancelIfChallenged(s, reply);
  const expected = ['no PLAIN/LOGIN before TLS, and AUTH PLAIN refused unchecked (530, 538, 504, 503)'];
  const actual = `AUTH ${(s.params('AUTH') ?? []).join(' ') || '(not advertised)'}; AUTH PLAIN <bogus>: ${describeOutcome(reply)}`;
  // 535 (or 235, 334) means the password was examined: it crossed the wire in the clear.
  const checked = reply.kind === 'reply' && [235, 334, 535, 454, 534].includes(reply.code);
  if (checked) return violation(expected, actual, `a plaintext password mechanism is usable without TLS${offered.length ? ` (and ${offered.join(', ')} advertised)` : ''}`);
  if (offered.length > 0) return pass(expected, actual, `${offered.join(', ')} advertised in cleartext but refused there (see rfc4954/6/no-538-advertise)`);
  return pass(expected, actual);
}

export const authTransportChecks = [
  defineCheck({
    id: 'rfc4954/4/no-plaintext-without-tls',
    title: 'Reads the AUTH mechanisms offered before TLS and tries AUTH PLAIN with bogus credentials in cleartext',
    requirement: 'Sites SHOULD NOT permit plaintext password mechanisms without TLS (or other protection against snooping)',
    level: 'SHOULD NOT',
    catalog: ['4954-4-no-plaintext-without-tls'],
    appliesTo: 'cleartext sessions to a target across a network (not loopback: there is no wire to snoop, and servers such as Dovecot treat loopback as protected)',
    run: async (s, ctx) => {
      if (s.tlsActive) return skip('the session is already protected by TLS');
      if (isLoopback(s.options.host)) return skip(`the target is reached over loopback (${s.options.host}): no network to snoop`);
      return plaintextExposure(s, ctx);
    },
  }),

  defineCheck({
    id: 'rfc4954/4/plain-over-tls',
    title: 'Starts TLS (unless the session already has it), sends EHLO and reads the AUTH mechanisms',
    requirement: 'Implementations MUST support SASL PLAIN over TLS: PLAIN is listed once TLS is active',
    level: 'MUST',
    severity: 'warn',
    severityNote: 'implemented is not the same as enabled: a site may switch PLAIN off',
    catalog: ['4954-4-plain-over-tls'],
    needs: ['tls'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      if (!s.tlsActive) {
        await startTlsSession(s);
        required(await s.ehlo(ctx.heloName), `EHLO ${ctx.heloName} after STARTTLS`);
      }
      const mechs = s.params('AUTH');
      if (mechs === undefined) return unimplemented('AUTH is not advertised, neither before nor after TLS');
      const actual = `AUTH ${mechs.join(' ')}`;
      return offers(s, 'PLAIN') ? pass(['PLAIN among the AUTH mechanisms'], actual) : violation(['PLAIN among the AUTH mechanisms'], actual, 'PLAIN is not offered under TLS');
    },
  }),

  defineCheck({
    id: 'rfc4954/4/pipelined-auth-plain',
    title: 'Sends AUTH PLAIN <valid credentials>, MAIL and RCPT in one write',
    requirement: 'AUTH PLAIN with an initial response may be followed by pipelined commands: 235, 250, 250 in order',
    level: 'MUST',
    severity: 'warn',
    severityNote: 'implied by RFC 4954 §4 and RFC 2920 §3.1 rather than stated as a server obligation',
    catalog: ['4954-4-pipelined-auth-plain'],
    requires: ['AUTH', 'PIPELINING'],
    needs: ['auth'],
    appliesTo: 'servers offering AUTH PLAIN',
    run: async (s, ctx) => {
      if ((await sessionOffering(s, ctx, ['PLAIN'])) === undefined || !ctx.credentials) return skip('PLAIN is not offered');
      if (!s.has('PIPELINING')) return skip('PIPELINING is not offered in the session where PLAIN is');
      const replies = await s.pipeline([`AUTH PLAIN ${plainResponse(ctx.credentials)}`, `MAIL FROM:<${ctx.sender}>`, `RCPT TO:<${ctx.rcpt}>`]);
      const expected = ['235, 250, 250'];
      const actual = replies.map(describeOutcome).join(' / ');
      const codes = replies.map((o) => (o.kind === 'reply' ? o.code : 0));
      const ok = codes[0] === 235 && codes[1] === 250 && (codes[2] === 250 || codes[2] === 251);
      return ok ? pass(expected, actual) : violation(expected, actual, 'the pipelined group after AUTH PLAIN was not answered 235, 250, 250');
    },
  }),
];
