import { describeOutcome } from '../../harness/session/outcome.js';
import { nonStrict, pass, violation } from '../../harness/verdict.js';
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
];
