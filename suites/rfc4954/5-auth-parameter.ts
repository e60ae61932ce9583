import { handshake } from '../../harness/dialog.js';
import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { info, pass, skip, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { usable } from './sasl-probes.js';

// RFC 4954 §5: the AUTH= parameter of MAIL FROM names the submitter as xtext (a mailbox or <>).
// A server that advertises AUTH must accept it even from a client that has not authenticated,
// and then treats it as AUTH=<>.

/** MAIL with the line given; RSET after a 250 so that the next probe starts clean. */
async function mail(s: Session, line: string): Promise<Outcome> {
  const reply = await s.send(line);
  if (reply.kind === 'reply' && reply.code === 250) await s.send('RSET');
  return reply;
}

export const authParameterChecks = [
  defineCheck({
    id: 'rfc4954/5/auth-parameter-unauthenticated',
    title: 'Without authenticating: MAIL FROM without AUTH= (baseline), then with AUTH=<> and with AUTH=e+3Dmc2@… (xtext)',
    requirement: 'A server advertising AUTH MUST accept the AUTH= MAIL parameter from unauthenticated clients (treating it as AUTH=<>)',
    level: 'MUST',
    catalog: ['4954-5-auth-parameter-unauthenticated'],
    requires: ['AUTH'],
    appliesTo: 'servers that accept MAIL from unauthenticated clients (not submission servers requiring AUTH)',
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const domain = ctx.sender.split('@')[1] ?? ctx.heloName;
      const baseline = await mail(s, `MAIL FROM:<${ctx.sender}>`);
      if (baseline.kind !== 'reply' || baseline.code !== 250) return skip(`MAIL without AUTH= is already refused (${describeOutcome(baseline)}): the target requires authentication`);
      const probes: Array<[string, string]> = [
        ['AUTH=<>', `MAIL FROM:<${ctx.sender}> AUTH=<>`],
        ['AUTH=e+3Dmc2@…', `MAIL FROM:<e=mc2@${domain}> AUTH=e+3Dmc2@${domain}`],
      ];
      const parts: Array<{ probe: string; verdict: Verdict }> = [];
      for (const [name, line] of probes) {
        const reply = s.isClosed ? ({ kind: 'closed', partial: Buffer.alloc(0) } as const) : await mail(s, line);
        const actual = describeOutcome(reply);
        parts.push({ probe: name, verdict: reply.kind === 'reply' && reply.code === 250 ? pass(['250'], actual) : violation(['250'], actual, `MAIL with ${name} refused where MAIL without it got 250`) });
      }
      return worstOf(parts);
    },
  }),

  // §5 and §8: the value is xtext decoding to a mailbox or "<>". A malformed one may be refused
  // (501) or, since an untrusted client's AUTH= is only logged, ignored (250): both are recorded.
  defineCheck({
    id: 'rfc4954/5/auth-parameter-syntax',
    title: 'Sends MAIL with AUTH=+ZZ (bad hexchar), AUTH=not-a-mailbox and AUTH= (empty)',
    requirement: 'A malformed AUTH= value is refused with 501 or ignored (250); the session stays in step',
    level: 'INFO',
    catalog: ['4954-5-auth-parameter-syntax'],
    requires: ['AUTH'],
    run: async (first, ctx) => {
      await handshake(first, ctx);
      let s = first;
      const parts: Array<{ probe: string; verdict: Verdict }> = [];
      for (const value of ['+ZZ', 'not-a-mailbox', '']) {
        s = await usable(s, ctx);
        const reply = await mail(s, `MAIL FROM:<${ctx.sender}> AUTH=${value}`);
        const expected = ['501', '250'];
        const actual = describeOutcome(reply);
        const probe = `AUTH=${value}`;
        let verdict: Verdict;
        if (reply.kind !== 'reply') verdict = violation(expected, actual, `${probe}: ${actual}`);
        else if (reply.code === 501 || reply.code === 250) verdict = pass(expected, actual);
        else verdict = info(expected, actual, `${probe} got ${reply.code}`);
        parts.push({ probe, verdict });
      }
      return worstOf(parts);
    },
  }),
];
