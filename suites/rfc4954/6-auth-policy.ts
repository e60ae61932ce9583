import { handshake } from '../../harness/dialog.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { nonStrict, pass, skip, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { cancelIfChallenged, usable } from './sasl-probes.js';

// RFC 4954 §6: when policy requires authentication, commands other than AUTH, EHLO, HELO, NOOP,
// RSET and QUIT get 530 (5.7.0); and 538 (encryption required for a mechanism) is historical -
// servers should not advertise a mechanism they would then refuse for lack of encryption.

/** A refusal that says "authenticate first": 530, an X.7.x code or the word in the text. */
function aboutAuthentication(code: number, enhanced: string | undefined, text: string): boolean {
  return code === 530 || /^[45]\.7\./.test(enhanced ?? '') || /auth/i.test(text);
}

export const authPolicyChecks = [
  defineCheck({
    id: 'rfc4954/6/auth-required-530',
    title: 'Without authenticating: MAIL FROM, then RCPT and VRFY postmaster',
    requirement: 'A server that requires authentication SHOULD answer MAIL with 530 (5.7.0), not accept it and refuse later',
    level: 'SHOULD',
    catalog: ['4954-6-auth-required-530'],
    appliesTo: 'servers that require authentication before accepting mail (submission)',
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const mail = await s.send(`MAIL FROM:<${ctx.sender}>`);
      const expected = ['530 5.7.0 to MAIL'];
      if (mail.kind !== 'reply') return violation(expected, describeOutcome(mail), `MAIL: ${describeOutcome(mail)}`);
      if (mail.code === 530) return pass(expected, describeOutcome(mail));
      if (mail.code !== 250) {
        const about = aboutAuthentication(mail.code, mail.enhanced, mail.lines.join(' '));
        return about ? nonStrict(expected, describeOutcome(mail), `MAIL refused for want of authentication with ${mail.code}, not 530`) : skip(`MAIL refused for another reason (${describeOutcome(mail)})`);
      }
      const rcpt = await s.send(`RCPT TO:<${ctx.rcpt}>`);
      const vrfy = await s.send('VRFY postmaster');
      const actual = `MAIL: ${describeOutcome(mail)}; RCPT: ${describeOutcome(rcpt)}; VRFY: ${describeOutcome(vrfy)}`;
      if (rcpt.kind === 'reply' && aboutAuthentication(rcpt.code, rcpt.enhanced, rcpt.lines.join(' ')) && rcpt.code >= 400) {
        return violation(expected, actual, 'MAIL was accepted and the need for authentication only shown at RCPT');
      }
      return skip('the target accepts MAIL without authentication: it does not require it');
    },
  }),

  defineCheck({
    id: 'rfc4954/6/no-538-advertise',
    title: 'Starts each mechanism advertised in cleartext (without initial response) and cancels it with "*"',
    requirement: 'A server SHOULD NOT advertise a mechanism it refuses for lack of encryption (538)',
    level: 'SHOULD NOT',
    catalog: ['4954-6-no-538-advertise'],
    requires: ['AUTH'],
    appliesTo: 'cleartext sessions (538 is about mechanisms refused without encryption)',
    run: async (first, ctx) => {
      if (first.tlsActive) return skip('the session is already protected by TLS');
      await handshake(first, ctx);
      const mechs = (first.params('AUTH') ?? []).map((m) => m.toUpperCase()).slice(0, 4);
      let s: Session = first;
      const parts: Array<{ probe: string; verdict: Verdict }> = [];
      for (const mech of mechs) {
        s = await usable(s, ctx);
        const reply = await s.send(`AUTH ${mech}`);
        await cancelIfChallenged(s, reply);
        const actual = describeOutcome(reply);
        const refusedForTls = reply.kind === 'reply' && (reply.code === 538 || (reply.code >= 500 && /encrypt|tls|ssl|secur/i.test(reply.lines.join(' '))));
        parts.push({ probe: `AUTH ${mech}`, verdict: refusedForTls ? violation(['334 (or a refusal not about encryption)'], actual, `${mech} is advertised in cleartext but refused there for lack of encryption`) : pass(['334 (or a refusal not about encryption)'], actual) });
      }
      return parts.length === 0 ? skip('AUTH lists no mechanism') : worstOf(parts);
    },
  }),
];
