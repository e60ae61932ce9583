import { isIPv4, isIPv6 } from 'node:net';
import { mailFrom } from '../../harness/dialog.js';
import { describeOutcome, isClass, type Outcome } from '../../harness/session/outcome.js';
import { required } from '../../harness/setup.js';
import { expectReply, nonStrict, pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.1.3 (with §4.1.1.1): address literals - "[192.0.2.10]", "[IPv6:2001:db8::10]" - are
// valid in EHLO and as mailbox domains and must be parsed as such: a 501 for them is a violation.
// Malformed literals ("[300.1.1.1]", an IPv6 address without its tag) should get 501; accepting
// them is only NON-STRICT. §4.1.4 forbids refusing because the literal is not the client's address.

/** A malformed literal: 501 (any 5xx) is right; acceptance only breaks the expected strictness. */
function gradeMalformed(outcome: Outcome, what: string): Verdict {
  if (isClass(outcome, 'ok')) return nonStrict(['501'], describeOutcome(outcome), `${what} accepted`);
  return expectReply(outcome, { class: 'permfail', preferred: [501] }, what);
}

/** RCPT to postmaster at the server's own literal: accepted, or refused by policy, but not a syntax error. */
function gradeOwnLiteral(outcome: Outcome): Verdict {
  const expected = ['250', 'a policy refusal (550), not 501'];
  const actual = describeOutcome(outcome);
  if (outcome.kind === 'reply' && outcome.code === 501) return violation(expected, actual, 'RCPT to postmaster at an address literal refused as a syntax error');
  if (outcome.kind !== 'reply') return violation(expected, actual, `RCPT to postmaster at an address literal: ${actual}`);
  return pass(expected, actual);
}

export const addressLiteralChecks = [
  defineCheck({
    id: 'rfc5321/4.1.3/address-literals',
    title: 'Sends EHLO [192.0.2.10], EHLO [IPv6:2001:db8::10], RCPT TO:<postmaster@[target address]>; then EHLO [300.1.1.1] and EHLO [2001:db8::1]',
    requirement: 'Address literals MUST be accepted in EHLO and in mailbox domains; malformed ones should get 501',
    level: 'MUST',
    catalog: ['5321-4.1.3-address-literals'],
    run: async (s, ctx) => {
      required(s.greeting, 'greeting', [220]);
      const probes: Array<{ probe: string; verdict: Verdict }> = [];
      for (const literal of ['[192.0.2.10]', '[IPv6:2001:db8::10]']) {
        probes.push({ probe: `EHLO ${literal}`, verdict: expectReply(await s.ehlo(literal), { class: 'ok', preferred: [250] }, `EHLO ${literal}`) });
      }
      const host = s.options.host;
      const own = isIPv4(host) ? `[${host}]` : isIPv6(host) ? `[IPv6:${host}]` : undefined;
      if (own !== undefined && probes.every((p) => p.verdict.kind === 'pass')) {
        await mailFrom(s, ctx);
        probes.push({ probe: `RCPT TO:<postmaster@${own}>`, verdict: gradeOwnLiteral(await s.send(`RCPT TO:<postmaster@${own}>`)) });
        await s.send('RSET');
      }
      const second = await ctx.connect();
      required(second.greeting, 'greeting', [220]);
      for (const literal of ['[300.1.1.1]', '[2001:db8::1]']) {
        probes.push({ probe: `EHLO ${literal}`, verdict: gradeMalformed(await second.send(`EHLO ${literal}`), `EHLO ${literal} (malformed)`) });
      }
      return worstOf(probes);
    },
  }),
];
