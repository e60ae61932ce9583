import { handshake, mailFrom } from '../../harness/dialog.js';
import { describeOutcome, isClass, type Outcome } from '../../harness/session/outcome.js';
import { pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §3.3: the grammar has no space on either side of the colon of "MAIL FROM:" and
// "RCPT TO:", but the RFC does not say what a server does with one; accepting (250) and refusing
// (501) are both conformant (catalog ambiguity 7). The check records which.

function record(outcome: Outcome, what: string): Verdict {
  const expected = ['250 (tolerant)', '5xx (strict)'];
  const actual = describeOutcome(outcome);
  if (isClass(outcome, 'ok')) return pass(expected, actual, `${what}: tolerant`);
  if (isClass(outcome, 'permfail')) return pass(expected, actual, `${what}: strict`);
  return violation(expected, actual, `${what}: neither accepted nor refused (${actual})`);
}

export const spaceAfterColonChecks = [
  defineCheck({
    id: 'rfc5321/3.3/space-after-colon',
    title: 'Sends "MAIL FROM: <…>" and "RCPT TO: <…>" with a space after the colon',
    requirement: 'Either accepting or refusing the space is conformant; the check records which (INFO)',
    level: 'INFO',
    catalog: ['5321-3.3-space-after-colon'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const mail = await s.send(`MAIL FROM: <${ctx.sender}>`);
      if (!isClass(mail, 'ok')) await mailFrom(s, ctx);
      const rcpt = await s.send(`RCPT TO: <${ctx.rcpt}>`);
      await s.send('RSET');
      return worstOf([
        { probe: 'MAIL FROM: <…>', verdict: record(mail, 'MAIL') },
        { probe: 'RCPT TO: <…>', verdict: record(rcpt, 'RCPT') },
      ]);
    },
  }),
];
