import { describeOutcome } from '../../harness/session/outcome.js';
import { pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { SUBMISSION_SERVER, authenticatedSubmission } from './support.js';

// RFC 6409 §6.1-6.2: an MSA MAY refuse a MAIL FROM address the authenticated user may not use,
// with 550 and a suitable enhanced code such as 5.7.1 - or accept it. The check records which.

export const submissionRightsChecks = [
  defineCheck({
    id: 'rfc6409/6.1/submission-rights',
    title: 'Authenticated as the test user: MAIL FROM another local address',
    requirement: 'The submission server MAY refuse a sender the user is not entitled to, with 550 (5.7.1); or accept it',
    level: 'MAY',
    catalog: ['6409-6.1-submission-rights'],
    needs: ['auth'],
    appliesTo: SUBMISSION_SERVER,
    run: async (s, ctx) => {
      const skipped = await authenticatedSubmission(s, ctx);
      if (skipped) return skipped;
      const reply = await s.send(`MAIL FROM:<someone-else-${ctx.token}@${ctx.localDomain}>`);
      const expected = ['250', '550 (5.7.1)'];
      const actual = describeOutcome(reply);
      if (reply.kind === 'reply' && reply.code === 250) return pass(expected, actual, 'the server lets the user send as another local address');
      if (reply.kind === 'reply' && reply.code === 550) return pass(expected, actual, 'the server checks the sender against the user');
      return violation(expected, actual, `RFC 6409 §6.1 names 550 (5.7.1) for a sender the user may not use; got ${actual}`);
    },
  }),
];
