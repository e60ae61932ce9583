import { describeOutcome, replyClass } from '../../harness/session/outcome.js';
import { required } from '../../harness/setup.js';
import { inconclusive, pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.5.3.1.2: every implementation MUST accept domain names of at least 255 octets. A
// 255-octet domain does not fit a 256-octet path (§4.5.3.1.3), so it is tried as the EHLO argument
// (catalog ambiguity 12); graded warn, since DNS itself caps a name's text form at 253 octets.

const DOMAIN_255 = Array.from({ length: 4 }, (_, i) => String.fromCharCode(0x61 + i).repeat(63)).join('.');

const ABOUT_LENGTH = /too long|length|exceed|limit/i;

export const domainLengthChecks = [
  defineCheck({
    id: 'rfc5321/4.5.3.1.2/domain-255',
    title: 'Sends EHLO with a 255-octet domain (four 63-octet labels)',
    requirement: 'The server MUST accept a 255-octet domain (250; a policy refusal not about length is inconclusive)',
    level: 'MUST',
    severity: 'warn',
    severityNote: 'the 255-octet minimum conflicts with the 256-octet path limit and with DNS (catalog ambiguity 12)',
    catalog: ['5321-4.5.3.1.2-domain-255'],
    run: async (s) => {
      required(s.greeting, 'greeting', [220]);
      const reply = await s.send(`EHLO ${DOMAIN_255}`);
      const expected = ['250'];
      const actual = describeOutcome(reply);
      if (reply.kind !== 'reply') return violation(expected, actual, `EHLO with a 255-octet domain: ${actual}`);
      if (replyClass(reply.code) === 'ok') return pass(expected, actual);
      if (reply.code === 500 || reply.code === 501 || ABOUT_LENGTH.test(reply.lines.join(' '))) {
        return violation(expected, actual, `EHLO with a 255-octet domain refused (${reply.code}), apparently for its length`);
      }
      return inconclusive(expected, actual, `EHLO with a 255-octet domain refused with ${reply.code}, apparently by policy`);
    },
  }),
];
