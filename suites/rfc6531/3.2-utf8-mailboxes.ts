import { handshake, mailFrom } from '../../harness/dialog.js';
import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import { nonStrict, pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { utf8OrcptAccepted } from '../rfc6533/utf8-orcpt.js';

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

  // §3.2: a server offering SMTPUTF8 and DSN must implement RFC 6533, whose "utf-8" address type
  // lets ORCPT carry the non-ASCII original recipient; with SMTPUTF8 the value may be raw UTF-8
  // (utf-8-addr-unitext, RFC 6533 §3). Only the acceptance is visible here; the DSN itself needs
  // the bounce catcher.
  defineCheck({
    id: 'rfc6531/3.2/dsn-orcpt-utf8',
    title: 'Sends MAIL … SMTPUTF8, then RCPT TO:<δοκιμή@local> ORCPT=utf-8;δοκιμή@local NOTIFY=FAILURE',
    requirement: 'A server offering SMTPUTF8 and DSN MUST implement RFC 6533: the utf-8 ORCPT of a UTF-8 recipient is accepted',
    level: 'MUST',
    severity: 'info',
    severityNote: 'the catalog did not verify the RFC 6533 address-type syntax the probe uses, so a refusal is recorded only',
    catalog: ['6531-3.2-dsn-implies-6533'],
    requires: ['SMTPUTF8', 'DSN'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      await mailFrom(s, ctx, { params: 'SMTPUTF8' + (s.has('8BITMIME') ? ' BODY=8BITMIME' : '') });
      const mailbox = `δοκιμή@${ctx.localDomain}`;
      return utf8OrcptAccepted(s, mailbox, mailbox, 'the utf-8 ORCPT');
    },
  }),
];
