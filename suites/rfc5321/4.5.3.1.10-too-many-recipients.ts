import { handshake, mailFrom } from '../../harness/dialog.js';
import { describeOutcome, isClass, type Outcome } from '../../harness/session/outcome.js';
import { required } from '../../harness/setup.js';
import { inconclusive, pass, skip, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.5.3.1.10 (with §4.5.3.1.8-9): when an implementation limit on recipients is reached
// the reply MUST be 452 (the client retries the rest later), not 552; a site-policy limit may use a
// 5yz (5.7.x). The check sends up to 1500 RCPTs for the test mailbox in one transaction (in groups
// of 100 when PIPELINING is offered) and grades the first refusal; no message is sent.

const MAX = 1500;
const GROUP = 100;
const TOO_MANY = /too many|recipients? limit|limit.*recipients/i;

export const tooManyRecipientsChecks = [
  defineCheck({
    id: 'rfc5321/4.5.3.1.10/too-many-452',
    title: `Sends up to ${MAX} RCPTs in one transaction and looks at the first refusal`,
    requirement: 'A server whose recipient limit is reached MUST answer 452 (4.5.3), not 552; a policy limit may use 5.7.x',
    level: 'MUST',
    severity: 'warn',
    severityNote: '552 is RFC 821 legacy that RFC 5321 tolerates clients for (catalog grade warn)',
    catalog: ['5321-4.5.3.1.10-too-many-452'],
    appliesTo: `servers with a recipient limit below ${MAX}`,
    run: async (s, ctx) => {
      await handshake(s, ctx);
      await mailFrom(s, ctx);
      const line = `RCPT TO:<${ctx.rcpt}>`;
      required(await s.send(line), 'the first RCPT', [250, 251]);
      let accepted = 1;
      let refusal: Outcome | undefined;
      while (accepted < MAX && refusal === undefined) {
        const n = Math.min(GROUP, MAX - accepted);
        const outcomes = s.has('PIPELINING') ? await s.pipeline(Array<string>(n).fill(line)) : [await s.send(line)];
        for (const o of outcomes) {
          if (isClass(o, 'ok')) accepted++;
          else {
            refusal = o;
            break;
          }
        }
        if (outcomes.length === 0) break;
      }
      if (!s.isClosed) await s.send('RSET');
      const expected = ['452 (4.5.3)', '5xx with 5.7.x (policy)'];
      if (refusal === undefined) return skip(`${accepted} recipients accepted: no recipient limit below ${MAX}, no limit reply to judge`);
      const actual = `${describeOutcome(refusal)} after ${accepted} accepted recipients`;
      if (refusal.kind !== 'reply') return violation(expected, actual, `RCPT number ${accepted + 1}: ${describeOutcome(refusal)}`);
      if (refusal.code === 452) return pass(expected, actual);
      if (refusal.code >= 500 && refusal.enhanced?.startsWith('5.7.')) return pass(expected, actual, 'a policy limit (5.7.x)');
      if (refusal.code === 552 || refusal.enhanced?.endsWith('.5.3') || TOO_MANY.test(refusal.lines.join(' '))) {
        return violation(expected, actual, `the recipient limit was signalled with ${refusal.code}${refusal.enhanced ? ` ${refusal.enhanced}` : ''}, not 452`);
      }
      return inconclusive(expected, actual, `RCPT number ${accepted + 1} was refused, but not clearly for the number of recipients`);
    },
  }),
];
