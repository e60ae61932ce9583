import { handshake, mailFrom, nonexistentMailbox } from '../../harness/dialog.js';
import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import { inconclusive, pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 6531 §3.5 (and the X.6.7 registration of §4.2): when a server refuses an address because
// it had to be ASCII (a non-ASCII mailbox without the SMTPUTF8 parameter), its enhanced status
// code is X.6.7. A refusal for another reason (unknown user, relay) keeps its RFC 5321 code, so
// the RCPT probe is compared with the refusal of an unknown ASCII mailbox first.

function x67(o: Outcome, what: string, other?: Outcome): Verdict {
  const expected = ['5.6.7'];
  const actual = describeOutcome(o);
  if (o.kind !== 'reply' || Math.floor(o.code / 100) !== 5) return inconclusive(expected, actual, `${what} was not refused (see rfc6531/3.4/utf8-without-parameter)`);
  if (o.enhanced === '5.6.7') return pass(expected, actual);
  if (other?.kind === 'reply' && other.code === o.code && other.enhanced === o.enhanced) {
    return inconclusive(expected, `${actual} (an unknown ASCII mailbox got the same: ${describeOutcome(other)})`, `${what} may have been refused as an unknown mailbox, not for being non-ASCII`);
  }
  return violation(expected, actual, `${what} refused with ${o.enhanced ?? 'no enhanced code'}, not X.6.7 (non-ASCII address not permitted)`);
}

export const smtputf8EnhancedCodeChecks = [
  defineCheck({
    id: 'rfc6531/3.5/enhanced-x67',
    title: 'Sends MAIL FROM:<jörg@…> without SMTPUTF8; then an ASCII MAIL, RCPT to an unknown ASCII mailbox and RCPT to a UTF-8 mailbox',
    requirement: 'A refusal because an address had to be ASCII carries the enhanced code X.6.7',
    level: 'MUST',
    severity: 'warn',
    severityNote: 'RFC 6531 registers X.6.7 for the condition without a keyword telling servers to use it; the catalog grades warn',
    catalog: ['6531-3.5-enhanced-x67'],
    requires: ['SMTPUTF8', 'ENHANCEDSTATUSCODES'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const senderDomain = ctx.sender.split('@')[1] ?? ctx.heloName;
      const mail = await s.send(`MAIL FROM:<jörg@${senderDomain}>`);
      if (mail.kind === 'reply' && mail.code === 250) await s.send('RSET');
      const parts = [{ probe: 'MAIL', verdict: x67(mail, 'the UTF-8 reverse-path') }];
      if (s.isClosed) return worstOf(parts);
      await mailFrom(s, ctx);
      const unknown = await s.send(`RCPT TO:<${nonexistentMailbox(ctx)}>`);
      const rcpt = await s.send(`RCPT TO:<δοκιμή-${ctx.token}@${ctx.localDomain}>`);
      parts.push({ probe: 'RCPT', verdict: x67(rcpt, 'the UTF-8 forward-path', unknown) });
      return worstOf(parts);
    },
  }),
];
