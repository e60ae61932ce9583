import type { Outcome } from '../../harness/session/outcome.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import { required } from '../../harness/setup.js';
import { pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { SUBMISSION_SERVER, authenticatedSubmission } from './support.js';

// RFC 6409 §4.1-4.2: an MSA rejects improper MAIL, RCPT or DATA with 554 unless a more precise
// code applies, improper domain references included. Any permanent refusal meets this; the
// check records which code the server chose.

function permanent(o: Outcome, what: string): Verdict {
  const expected = ['554', 'a more precise 5xx'];
  const actual = describeOutcome(o);
  if (o.kind === 'reply' && o.code >= 500) return pass(expected, actual, o.code === 554 ? undefined : `refused with the more precise ${o.code}`);
  return violation(expected, actual, `${what} got ${actual}`);
}

export const generalRejectionChecks = [
  defineCheck({
    id: 'rfc6409/4.1/general-rejection-554',
    title: 'Authenticated: MAIL FROM an address without a domain, then RCPT TO a domain with an empty label',
    requirement: 'The submission server MUST reject improper envelope data, with 554 or a more precise code',
    level: 'MUST',
    severity: 'info',
    severityNote: 'the catalog records the codes only; RFC 6409 §5.1 (checked separately) prefers 501 for bad syntax',
    catalog: ['6409-4.1-general-rejection-554'],
    needs: ['auth'],
    appliesTo: SUBMISSION_SERVER,
    run: async (s, ctx) => {
      const skipped = await authenticatedSubmission(s, ctx);
      if (skipped) return skipped;
      const mail = await s.send('MAIL FROM:<nodomain>');
      if (mail.kind === 'reply' && mail.code === 250) await s.send('RSET');
      required(await s.send(`MAIL FROM:<${ctx.rcpt}>`), `MAIL FROM:<${ctx.rcpt}>`);
      const rcpt = await s.send('RCPT TO:<user@.sink.test>');
      return worstOf([
        { probe: 'MAIL FROM:<nodomain>', verdict: permanent(mail, 'MAIL without a domain') },
        { probe: 'RCPT TO:<user@.sink.test>', verdict: permanent(rcpt, 'RCPT to an improper domain') },
      ]);
    },
  }),
];
