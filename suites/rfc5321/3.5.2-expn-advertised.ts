import { handshake } from '../../harness/dialog.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import { pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { saysNotImplemented } from './vrfy-support.js';

// RFC 5321 §3.5.2 (with §4.1.1.1): if EXPN is supported it MUST be listed in the EHLO reply. A 252
// is what §7.3 requires of a site that disabled EXPN for security, so it does not count as support
// (the catalog's review question, decided in favour of §7.3).

export const expnAdvertisedChecks = [
  defineCheck({
    id: 'rfc5321/3.5.2/expn-advertised',
    title: 'Sends EXPN postmaster and compares the reply with the EHLO keywords',
    requirement: 'A server that implements EXPN MUST list EXPN in its EHLO reply',
    level: 'MUST',
    severity: 'warn',
    severityNote: 'a 550 "access denied" to an unadvertised EXPN is ambiguous (catalog)',
    catalog: ['5321-3.5.2-expn-advertised'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const advertised = s.has('EXPN');
      const reply = await s.send('EXPN postmaster');
      const expected = ['EXPN listed in EHLO', 'else 500/502 (not implemented) or 252 (disabled, §7.3)'];
      const actual = `${describeOutcome(reply)} (EXPN ${advertised ? '' : 'not '}advertised)`;
      if (advertised) return pass(expected, actual);
      if (saysNotImplemented(reply)) return pass(expected, actual, 'EXPN is not implemented and not advertised');
      if (reply.kind === 'reply' && reply.code === 252) return pass(expected, actual, '252: EXPN disabled for security (§7.3)');
      if (reply.kind !== 'reply') return violation(expected, actual, `EXPN: ${actual}`);
      return violation(expected, actual, `EXPN answered ${reply.code}, so it is implemented, but EHLO does not list EXPN`);
    },
  }),
];
