import { handshake } from '../../harness/dialog.js';
import { describeOutcome, replyClass, type Outcome } from '../../harness/session/outcome.js';
import { nonStrict, pass, unimplemented, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { advertisedLimit } from './support.js';

// RFC 1870 §6.1: a declared size above the server's fixed maximum MUST be refused with 552 (452 is
// for a temporary shortage of space). 20 digits are legal syntax (§3), so the largest value is
// over the limit, not a syntax error.

const TWENTY_NINES = '9'.repeat(20);

function grade(o: Outcome, what: string, syntaxErrorIsWarn: boolean): Verdict {
  const expected = ['552', 'any 5xx'];
  const actual = describeOutcome(o);
  if (o.kind !== 'reply') return violation(expected, actual, `${what}: ${actual}`);
  if (o.code === 552) return pass(expected, actual);
  const cls = replyClass(o.code);
  if (cls === 'ok') return violation(expected, actual, `${what}: a declared size over the advertised limit was accepted`);
  if (o.code === 501 && syntaxErrorIsWarn) return nonStrict(expected, actual, `${what}: 501 treats a legal 20-digit value as a syntax error; RFC 1870 §6.1 wants 552`);
  if (o.code === 452) return nonStrict(expected, actual, `${what}: 452 says space is short for now, but the fixed limit is permanent (552)`);
  if (cls === 'permfail' || cls === 'tempfail') return nonStrict(expected, actual, `${what}: ${o.code} refuses, but RFC 1870 §6.1 names 552`);
  return violation(expected, actual, `${what}: ${actual}`);
}

export const overLimitChecks = [
  defineCheck({
    id: 'rfc1870/6.1/over-limit-552',
    title: 'Sends MAIL with SIZE one octet over the advertised limit, then with a 20-digit SIZE',
    requirement: 'The server MUST refuse a declared size above its fixed limit with 552',
    level: 'MUST',
    catalog: ['1870-6.1-over-limit-552'],
    requires: ['SIZE'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const limit = advertisedLimit(s);
      if (limit === undefined || limit === 0) return unimplemented('the target announces no fixed SIZE limit');
      const over = (BigInt(s.params('SIZE')![0]!) + 1n).toString();
      const probes = [];
      for (const [value, what] of [[over, 'limit + 1'], [TWENTY_NINES, '20-digit SIZE']] as const) {
        const reply = await s.send(`MAIL FROM:<${ctx.sender}> SIZE=${value}`);
        if (reply.kind === 'reply' && reply.code === 250) await s.send('RSET');
        probes.push({ probe: `SIZE=${value} (${what})`, verdict: grade(reply, what, value === TWENTY_NINES) });
      }
      return worstOf(probes);
    },
  }),
];
