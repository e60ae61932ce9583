import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import { handshake } from '../../harness/dialog.js';
import { info, pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 1869 §4.2-4.5: the replies a server may give to EHLO. Success is 250; failure (the server
// cannot list its extensions) is 550 or 554; errors are 500, 501, 502, 504 or 421.

const SUCCESS = [250];
const FAILURE = [550, 554];
const ERROR = [500, 501, 502, 504, 421];

function codeIn(outcome: Outcome, allowed: readonly number[], what: string): Verdict {
  const expected = allowed.map(String);
  const actual = describeOutcome(outcome);
  if (outcome.kind === 'reply' && allowed.includes(outcome.code)) return pass(expected, actual);
  return violation(expected, actual, `${what}: RFC 1869 §4.2 allows only ${allowed.join('/')}`);
}

export const ehloReplyCodeChecks = [
  // The catalog grades this warn: a code outside the sets is odd rather than harmful.
  defineCheck({
    id: 'rfc1869/4.2/ehlo-reply-codes',
    title: 'Sends EHLO with a domain, then EHLO without an argument',
    requirement: 'EHLO MUST be answered with 250, a failure code (550/554) or an error code (500/501/502/504/421)',
    level: 'MUST',
    severity: 'warn',
    severityNote: 'RFC 1869 states the codes declaratively; the catalog grades a stray code warn',
    catalog: ['1869-4.2-ehlo-reply-codes'],
    run: async (s, ctx) => {
      if (s.greeting.kind !== 'reply' || s.greeting.code !== 220) {
        return violation(['220 greeting'], describeOutcome(s.greeting), 'no 220 greeting, EHLO cannot be probed');
      }
      const named = await s.ehlo(ctx.heloName);
      const first = { probe: `EHLO ${ctx.heloName}`, verdict: codeIn(named, [...SUCCESS, ...FAILURE, ...ERROR], 'EHLO with a domain') };
      // 421 announces a close: nothing more to ask on this connection.
      if (named.kind !== 'reply' || named.code === 421) return worstOf([first]);
      const bare = await s.send('EHLO');
      return worstOf([first, { probe: 'EHLO without argument', verdict: codeIn(bare, [...FAILURE, ...ERROR], 'EHLO without argument') }]);
    },
  }),

  // RFC 1869 §4.2 answered a second EHLO in a session with 503; RFC 5321 §4.1.4 later made it
  // legal and equivalent to RSET. Recorded only: rfc5321/4.1.4/second-ehlo-resets grades it.
  defineCheck({
    id: 'rfc1869/4.2/repeated-ehlo',
    title: 'Sends EHLO twice in one session',
    requirement: 'A repeated EHLO is answered 250 (RFC 5321) or 503 (RFC 1869); which one is recorded',
    level: 'INFO',
    catalog: ['1869-4.2-repeated-ehlo-503'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const again = await s.ehlo(ctx.heloName);
      const expected = ['250 (RFC 5321 §4.1.4)', '503 (RFC 1869 §4.2)'];
      const actual = describeOutcome(again);
      if (again.kind === 'reply' && again.code === 250) return pass(expected, actual);
      if (again.kind === 'reply' && again.code === 503) return info(expected, actual, 'the second EHLO got 503, the behaviour of RFC 1869 that RFC 5321 replaced');
      return info(expected, actual, `the second EHLO got ${actual}`);
    },
  }),
];
