import { handshake } from '../../harness/dialog.js';
import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import { nonStrict, pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 6531 §3.2-3.3: a server that announces SMTPUTF8 accepts UTF-8 wherever RFC 5321 allows a
// mailbox, once MAIL carries the SMTPUTF8 parameter. This is the client side only; whether the
// addresses arrive intact is for the sink checks.

/** Codes that say "I could not parse that address": a syntax refusal of a valid UTF-8 mailbox. */
const SYNTAX_REFUSALS = [500, 501, 553, 555];

function grade(o: Outcome, okCodes: readonly number[], what: string): Verdict {
  const expected = okCodes.map(String);
  const actual = describeOutcome(o);
  if (o.kind === 'reply' && okCodes.includes(o.code)) return pass(expected, actual);
  if (o.kind === 'reply' && SYNTAX_REFUSALS.includes(o.code)) return violation(expected, actual, `${what} refused as a syntax error`);
  if (o.kind === 'reply' && (o.code === 550 || o.code === 551) && !/^5\.6\.7$/.test(o.enhanced ?? '')) {
    // "No such user" is policy, not a refusal of UTF-8: the check cannot tell (catalog: warn).
    return nonStrict(expected, actual, `${what} got ${o.code}, possibly a policy answer (no such mailbox); whether the UTF-8 address was understood is unknown`);
  }
  return violation(expected, actual, `${what}: ${actual}`);
}

export const utf8MailboxChecks = [
  defineCheck({
    id: 'rfc6531/3.2/accept-utf8-mailboxes',
    title: 'Sends MAIL FROM:<發送者@client.test> SMTPUTF8 BODY=8BITMIME, then RCPT to a UTF-8 local part at the local domain',
    requirement: 'A server advertising SMTPUTF8 MUST accept UTF-8 mailboxes in MAIL and RCPT when MAIL carries SMTPUTF8',
    level: 'MUST',
    catalog: ['6531-3.2-accept-utf8-mailboxes'],
    requires: ['SMTPUTF8'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const senderDomain = ctx.sender.split('@')[1] ?? ctx.heloName;
      const mailLine = `MAIL FROM:<發送者@${senderDomain}> SMTPUTF8` + (s.has('8BITMIME') ? ' BODY=8BITMIME' : '');
      const mail = await s.send(mailLine);
      const mailVerdict = grade(mail, [250], 'UTF-8 reverse-path');
      if (mail.kind !== 'reply' || mail.code !== 250) return worstOf([{ probe: 'MAIL', verdict: mailVerdict }]);
      const rcpt = await s.send(`RCPT TO:<δοκιμή@${ctx.localDomain}>`);
      return worstOf([
        { probe: 'MAIL', verdict: mailVerdict },
        { probe: 'RCPT', verdict: grade(rcpt, [250, 251], 'UTF-8 forward-path') },
      ]);
    },
  }),
];
