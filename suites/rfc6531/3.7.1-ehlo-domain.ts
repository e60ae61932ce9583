import { handshake } from '../../harness/dialog.js';
import { pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 6531 §3.7.1: the domain a server names in its EHLO reply is an ASCII domain name - LDH
// labels or A-labels ("xn--…"), never U-labels - even when it offers SMTPUTF8. Its keyword lines
// are ASCII by the ehlo-line grammar anyway, so the whole reply must be ASCII.

export const ehloAsciiDomainChecks = [
  defineCheck({
    id: 'rfc6531/3.7.1/ehlo-ascii-domains',
    title: 'Sends EHLO and looks for non-ASCII octets in the reply',
    requirement: 'Domain names in the EHLO reply MUST be ASCII (LDH labels or A-labels)',
    level: 'MUST',
    catalog: ['6531-3.7.1-ehlo-ascii-domains'],
    requires: ['SMTPUTF8'],
    run: async (s, ctx) => {
      const reply = await handshake(s, ctx);
      const expected = ['an EHLO reply in ASCII, with A-labels for internationalized names'];
      const lines = reply.raw.toString('utf8').split('\r\n').filter((l) => l !== '');
      const offending = lines.filter((l) => /[^\x00-\x7f]/.test(l));
      if (offending.length === 0) return pass(expected, reply.lines[0] ?? '');
      return violation(expected, offending.join(' | '), `non-ASCII octets in the EHLO reply: ${offending.join(' | ')}`);
    },
  }),
];
