import type { CheckContext } from '../../harness/check.js';
import { handshake, mailFrom, rcptTo, simpleMessage } from '../../harness/dialog.js';
import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { required } from '../../harness/setup.js';
import { expectReply, pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { filler } from './support.js';

// RFC 1870 §6: the SIZE parameter of MAIL - accepted by any server that advertises SIZE (its
// keyword case-insensitive, RFC 1869 §4.1.2), with a value of 1-20 digits (§3 size-value), given
// at most once, and never used to find the end of the mail data (§6 NOTE).

/** Sends MAIL with `params`; a 250 is undone with RSET so that the next MAIL is not nested. */
async function mailWith(s: Session, ctx: CheckContext, params: string): Promise<Outcome> {
  const reply = await s.send(`MAIL FROM:<${ctx.sender}> ${params}`);
  if (reply.kind === 'reply' && reply.code === 250) await s.send('RSET');
  return reply;
}

/** Bad SIZE values, two per connection (each refusal is a protocol error: hygiene allows two). */
const BAD_SIZES = [['SIZE=abc', 'SIZE=-1'], ['SIZE=', 'SIZE=123456789012345678901'], ['SIZE=10 SIZE=20']];

export const sizeParameterChecks = [
  defineCheck({
    id: 'rfc1870/6/size-parameter-accepted',
    title: 'Sends MAIL with SIZE=1000, then (after RSET) with size=1000',
    requirement: 'A server that advertises SIZE MUST accept the SIZE parameter (in any case) with 250',
    level: 'MUST',
    catalog: ['1870-6-size-parameter-accepted'],
    requires: ['SIZE'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const probes = [];
      for (const params of ['SIZE=1000', 'size=1000']) {
        probes.push({ probe: `MAIL FROM:<${ctx.sender}> ${params}`, verdict: expectReply(await mailWith(s, ctx, params), { class: 'ok', preferred: [250] }) });
      }
      return worstOf(probes);
    },
  }),

  // §3: size-value ::= 1*20DIGIT, and one SIZE per MAIL; a malformed value is a syntax error
  // (501, or 555 as for an unusable parameter).
  defineCheck({
    id: 'rfc1870/6/size-syntax',
    title: 'Sends MAIL with SIZE=abc, SIZE=-1, SIZE=, a 21-digit SIZE and two SIZE parameters',
    requirement: 'The server MUST refuse each malformed SIZE, with 501 (or 555)',
    level: 'MUST',
    severity: 'warn',
    severityNote: 'the size-value ABNF is declarative; the catalog grades acceptance warn',
    catalog: ['1870-6-size-syntax'],
    requires: ['SIZE'],
    run: async (s, ctx) => {
      const probes = [];
      let session = s;
      for (const [i, batch] of BAD_SIZES.entries()) {
        if (i > 0) session = await ctx.connect();
        await handshake(session, ctx);
        for (const params of batch) {
          const reply = await mailWith(session, ctx, params);
          probes.push({ probe: params, verdict: expectReply(reply, { class: 'permfail', preferred: [501, 555] }, params) });
        }
      }
      return worstOf(probes);
    },
  }),

  // §6 NOTE: the declared size is an estimate; the content still ends only at CRLF.CRLF.
  defineCheck({
    id: 'rfc1870/6/size-not-end-marker',
    title: 'Declares SIZE=10, sends a 2000-octet message, the final dot, then NOOP',
    requirement: 'The server MUST NOT take the declared SIZE as the end of the data: one reply after the dot (250 or 552), then 250 to NOOP',
    level: 'MUST NOT',
    catalog: ['1870-6-size-not-end-marker'],
    requires: ['SIZE'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      await mailFrom(s, ctx, { params: 'SIZE=10' });
      await rcptTo(s, ctx);
      required(await s.send('DATA'), 'DATA', [354]);
      await s.sendRaw(Buffer.concat([Buffer.from(simpleMessage(ctx, ''), 'utf8'), filler(2000, 'size-test')]));
      const early = await s.readExtra(300);
      await s.sendRaw('.\r\n');
      const end = await s.read();
      const noop = await s.send('NOOP');
      return gradeEnd(early, end, noop);
    },
  }),
];

function gradeEnd(early: readonly Outcome[], end: Outcome, noop: Outcome): Verdict {
  const expected = ['nothing before the dot', '250 or 552 after it', '250 to NOOP'];
  const actual = [...early.map((o) => `before the dot: ${describeOutcome(o)}`), `after the dot: ${describeOutcome(end)}`, `NOOP: ${describeOutcome(noop)}`].join('; ');
  if (early.length > 0) return violation(expected, actual, 'the server answered before the end of the data: it took the declared SIZE as the length of the message');
  const endOk = end.kind === 'reply' && (end.code === 250 || end.code === 552);
  if (!endOk) return violation(expected, actual, `the end of the data got ${describeOutcome(end)}`);
  return worstOf([
    { probe: 'end of data', verdict: pass(['250', '552'], describeOutcome(end)) },
    { probe: 'NOOP after it', verdict: expectReply(noop, { class: 'ok', preferred: [250] }) },
  ]);
}
