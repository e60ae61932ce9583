import { heloHandshake } from '../../harness/dialog.js';
import { describeOutcome, isClass, type Outcome } from '../../harness/session/outcome.js';
import { info, pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.1.1.2-4.1.1.3 (and §2.2): MAIL and RCPT parameters belong to service extensions,
// which only EHLO negotiates; after HELO none are in force. Whether a server refuses them (555/501)
// or ignores them (250) the RFC leaves open: the check records which (INFO).

function record(outcome: Outcome, what: string): Verdict {
  const expected = ['555 or 501 (strict)', '250 (lenient)'];
  const actual = describeOutcome(outcome);
  if (isClass(outcome, 'permfail')) return pass(expected, actual);
  if (isClass(outcome, 'ok')) return info(expected, actual, `${what} after HELO accepted: the parameter of an extension that was never negotiated was taken`);
  return violation(expected, actual, `${what} after HELO: ${actual}`);
}

export const paramsWithoutEhloChecks = [
  defineCheck({
    id: 'rfc5321/4.1.1.2/params-without-ehlo',
    title: 'After HELO (not EHLO), sends MAIL with SIZE=1000, then MAIL with BODY=8BITMIME',
    requirement: 'Parameters are only meaningful after EHLO; refusing (555/501) or ignoring them (250) is recorded',
    level: 'INFO',
    catalog: ['5321-4.1.1.2-params-without-ehlo'],
    run: async (s, ctx) => {
      await heloHandshake(s, ctx);
      const size = await s.send(`MAIL FROM:<${ctx.sender}> SIZE=1000`);
      if (isClass(size, 'ok')) await s.send('RSET');
      const body = await s.send(`MAIL FROM:<${ctx.sender}> BODY=8BITMIME`);
      if (isClass(body, 'ok')) await s.send('RSET');
      return worstOf([
        { probe: 'MAIL … SIZE=1000', verdict: record(size, 'SIZE=1000') },
        { probe: 'MAIL … BODY=8BITMIME', verdict: record(body, 'BODY=8BITMIME') },
      ]);
    },
  }),
];
