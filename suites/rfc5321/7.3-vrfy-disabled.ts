import { handshake } from '../../harness/dialog.js';
import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import { nonStrict, pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §7.3 (with §3.5.3, §4.5.1): VRFY is a required command. A site that disables it for
// security MUST answer 252 (neither success nor failure); a genuine answer (250/251, 550/551/553)
// is fine too. 500 says the required command does not exist (fail); 502 is "not in full
// compliance" (§3.5.3) and common (Postfix): NON-STRICT (catalog ambiguity 5), as is a 550 for
// mailboxes the server does accept mail for (an implementation that "always" says 550).

function gradeVrfy(outcome: Outcome, what: string): Verdict {
  const expected = ['252', '250/251 (verified)', '550/551/553 only for mailboxes that do not exist'];
  const actual = describeOutcome(outcome);
  if (outcome.kind !== 'reply') return violation(expected, actual, `${what}: ${actual}`);
  const code = outcome.code;
  if ([250, 251, 252].includes(code)) return pass(expected, actual);
  if (code === 500) return violation(expected, actual, `${what}: 500, as if the required VRFY command did not exist`);
  if (code === 502) return nonStrict(expected, actual, `${what}: 502; a server that disables VRFY must answer 252 (§7.3)`);
  if ([550, 551, 553].includes(code)) return nonStrict(expected, actual, `${what}: ${code} for a mailbox the server accepts mail for`);
  return nonStrict(expected, actual, `${what}: ${code}; 252 is the answer of a server that does not verify`);
}

export const vrfyDisabledChecks = [
  defineCheck({
    id: 'rfc5321/7.3/vrfy-disabled-252',
    title: 'Sends VRFY postmaster and VRFY <the test mailbox>, both mailboxes that exist',
    requirement: 'VRFY MUST be implemented; a server that does not verify MUST answer 252 (500 fails, 502 is NON-STRICT)',
    level: 'MUST',
    catalog: ['5321-7.3-vrfy-disabled-252'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const postmaster = await s.send('VRFY postmaster');
      const mailbox = await s.send(`VRFY <${ctx.rcpt}>`);
      return worstOf([
        { probe: 'VRFY postmaster', verdict: gradeVrfy(postmaster, 'VRFY postmaster') },
        { probe: `VRFY <${ctx.rcpt}>`, verdict: gradeVrfy(mailbox, `VRFY <${ctx.rcpt}>`) },
      ]);
    },
  }),
];
