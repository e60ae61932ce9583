import { describeOutcome, replyClass, type Outcome } from '../../harness/session/outcome.js';
import { nonStrict, pass, skip, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { isDomainOrAddressLiteral, isFqdnOrAddressLiteral } from './support.js';

// RFC 5321 §3.1 and §4.2 (Greeting): on connect the server sends 220 with its own domain or address
// literal as the first token, or 554 to refuse the session (§3.1), or 421 when it is temporarily
// unavailable (§4.3.2). The harness has read the greeting before the check starts.

export const greetingChecks = [
  defineCheck({
    id: 'rfc5321/3.1/greeting',
    title: 'Connects and reads the greeting without sending anything',
    requirement: 'The server MUST greet with 220 and its domain or address literal (554 or 421 to refuse)',
    level: 'MUST',
    catalog: ['5321-3.1-greeting'],
    run: async (s) => {
      const g = s.greeting;
      const expected = ['220 <domain|[address]> [text]', '554', '421'];
      const actual = describeOutcome(g);
      if (g.kind !== 'reply') return violation(expected, actual, `no greeting: ${actual}`);
      if (g.code === 554 || g.code === 421) return pass(expected, actual, `${g.code}: the server refuses the session, which RFC 5321 §3.1/§4.3.2 allow`);
      if (g.code !== 220) return violation(expected, actual, `greeting code ${g.code} is none of 220, 554, 421`);
      // Greeting grammar: "220" SP/"-" (Domain / address-literal) [SP textstring].
      const first = g.lines[0] ?? '';
      const token = first.split(' ')[0] ?? '';
      if (isFqdnOrAddressLiteral(token)) return pass(expected, actual);
      // A first token that is no domain at all, or only a single label (§2.3.5: domains in SMTP are
      // fully qualified), is graded NON-STRICT: clients rarely depend on it.
      const what = isDomainOrAddressLiteral(token) ? 'a single label, not a fully-qualified domain (RFC 5321 §2.3.5)' : 'not a domain or address literal';
      return nonStrict(expected, actual, `the first token of the 220 greeting, ${JSON.stringify(token)}, is ${what}`);
    },
  }),

  // §3.1: a server that refuses service with a 554 greeting MUST still wait for the client's QUIT
  // before closing, and SHOULD answer the commands in between with 503.
  defineCheck({
    id: 'rfc5321/3.1/554-greeting-waits-for-quit',
    title: 'After a 554 greeting, sends EHLO, MAIL and QUIT',
    requirement: 'A server that greets with 554 MUST wait for QUIT (221, then close) and SHOULD answer other commands with 503',
    level: 'MUST',
    catalog: ['5321-3.1-554-greeting-wait-for-quit'],
    appliesTo: 'servers whose greeting is 554 (no SMTP service)',
    run: async (s, ctx) => {
      const g = s.greeting;
      if (g.kind !== 'reply' || g.code !== 554) return skip(`the target greets with ${describeOutcome(g)}, not 554`);
      const probes: Array<{ probe: string; verdict: Verdict }> = [];
      for (const line of [`EHLO ${ctx.heloName}`, `MAIL FROM:<${ctx.sender}>`]) {
        const outcome = await s.send(line);
        probes.push({ probe: line, verdict: gradeRefused(outcome) });
        if (outcome.kind !== 'reply') return worstOf(probes);
      }
      const quit = await s.send('QUIT');
      const closed = quit.kind === 'reply' && quit.code === 221 ? await s.waitForClose(Math.min(10_000, s.options.replyTimeoutMs)) : 'open';
      const expected = ['221 then close'];
      const actual = `${describeOutcome(quit)}${closed === 'closed' ? ', then close' : ''}`;
      probes.push({
        probe: 'QUIT',
        verdict: quit.kind === 'reply' && quit.code === 221 && closed === 'closed' ? pass(expected, actual) : violation(expected, actual, `QUIT after the 554 greeting: ${actual}`),
      });
      return worstOf(probes);
    },
  }),
];

/** A command after a 554 greeting: 503 (any 5xx) is right, another reply breaks a SHOULD, a close the MUST. */
function gradeRefused(outcome: Outcome): Verdict {
  const expected = ['503 (or another 5xx), the connection kept open'];
  const actual = describeOutcome(outcome);
  if (outcome.kind !== 'reply') return violation(expected, actual, `the server did not wait for QUIT: ${actual}`);
  if (replyClass(outcome.code) === 'permfail') return pass(expected, actual);
  return nonStrict(expected, actual, `${outcome.code} after a 554 greeting: the session was refused, so commands should get 503`);
}
