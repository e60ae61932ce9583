import { handshake } from '../../harness/dialog.js';
import { pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { SASL_MECH, ehloLines, isLegacyAuthLine } from '../keywords.js';

// RFC 4954 §3 and §8: the AUTH EHLO keyword is followed by a space-separated list of SASL
// mechanism names; RFC 4422 §3.1 makes each 1-20 upper-case letters, digits, "-" or "_".

export const authKeywordChecks = [
  defineCheck({
    id: 'rfc4954/3/auth-keyword',
    title: 'Sends EHLO and parses the AUTH line',
    requirement: 'The AUTH keyword MUST list at least one SASL mechanism, each a valid mechanism name',
    level: 'MUST',
    catalog: ['4954-3-auth-keyword'],
    requires: ['AUTH'],
    run: async (s, ctx) => {
      const reply = await handshake(s, ctx);
      const lines = ehloLines(reply);
      const auth = lines.filter((l) => l.keyword.toUpperCase() === 'AUTH');
      const expected = ['AUTH mech [mech …] with names of 1*20 (A-Z 0-9 - _)'];
      const actual = auth.map((l) => l.text).join(' | ') || '(no AUTH line)';
      const mechs = auth.flatMap((l) => l.params);
      if (mechs.length === 0) return violation(expected, actual, 'AUTH is advertised without any mechanism');
      const bad = mechs.filter((m) => !SASL_MECH.test(m));
      if (bad.length > 0) return violation(expected, actual, `not valid SASL mechanism names: ${bad.join(', ')}`);
      // The legacy "AUTH=PLAIN LOGIN" line is for pre-standard clients: recorded, not graded.
      const legacy = lines.find(isLegacyAuthLine);
      return pass(expected, actual, legacy ? `also advertises the legacy line ${JSON.stringify(legacy.text)}` : undefined);
    },
  }),
];
