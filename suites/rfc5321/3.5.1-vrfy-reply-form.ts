import { handshake } from '../../harness/dialog.js';
import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import { pass, skip, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { mailboxInText } from './vrfy-support.js';

// RFC 5321 §3.5.1-3.5.2: a 250 reply to VRFY MUST include the mailbox, as "User Name <local@domain>"
// or "local@domain" (angle brackets preferred, the domain fully qualified). Other replies (252,
// 550, 502) say nothing was verified and are the business of other checks.

function gradeVrfy(outcome: Outcome): Verdict {
  const expected = ['250 naming the mailbox (<local@domain>)', 'any reply other than 250'];
  const actual = describeOutcome(outcome);
  if (outcome.kind !== 'reply' || outcome.code !== 250) return pass(expected, actual, 'no 250 reply: nothing to check');
  const found = mailboxInText(outcome.lines);
  if (found) return pass(expected, actual, `names ${found.mailbox}`);
  return violation(expected, actual, '250 to VRFY without a mailbox with a fully-qualified domain in its text');
}

export const vrfyReplyFormChecks = [
  defineCheck({
    id: 'rfc5321/3.5.1/vrfy-reply-form',
    title: 'Sends VRFY postmaster and VRFY <the test mailbox>',
    requirement: 'A 250 reply to VRFY MUST include the mailbox (<local@domain> or local@domain, domain fully qualified)',
    level: 'MUST',
    catalog: ['5321-3.5.1-vrfy-reply-form'],
    appliesTo: 'servers that answer VRFY with 250',
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const postmaster = await s.send('VRFY postmaster');
      const mailbox = await s.send(`VRFY <${ctx.rcpt}>`);
      // Without a 250 nothing was verified: there is no reply form to judge (not a PASS).
      const is250 = (o: Outcome) => o.kind === 'reply' && o.code === 250;
      if (!is250(postmaster) && !is250(mailbox)) return skip(`no 250 to VRFY (${describeOutcome(postmaster)}; ${describeOutcome(mailbox)}): no reply form to judge`);
      return worstOf([
        { probe: 'VRFY postmaster', verdict: gradeVrfy(postmaster) },
        { probe: `VRFY <${ctx.rcpt}>`, verdict: gradeVrfy(mailbox) },
      ]);
    },
  }),
];
