import { handshake } from '../../harness/dialog.js';
import { pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 1870 §3: the SIZE keyword has one optional parameter, size-param = 1*20DIGIT, the largest
// message the server accepts (0: no fixed limit). RFC 5321 §4.5.3.1.7 makes 64K the minimum any
// server must accept, so a smaller non-zero limit contradicts it.

const MINIMUM = 65_536;

export const sizeKeywordChecks = [
  defineCheck({
    id: 'rfc1870/3/size-keyword-syntax',
    title: 'Sends EHLO and reads the SIZE line',
    requirement: 'SIZE MUST come alone or with one decimal number (1-20 digits), 0 or at least 65536',
    level: 'MUST',
    catalog: ['1870-3-size-keyword-syntax'],
    requires: ['SIZE'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const params = s.params('SIZE') ?? [];
      const actual = ['SIZE', ...params].join(' ');
      const expected = ['SIZE', 'SIZE <1-20 digits>'];
      if (params.length === 0) return pass(expected, actual);
      if (params.length > 1 || !/^\d{1,20}$/.test(params[0]!)) return violation(expected, actual, `the SIZE parameter must be one decimal number, got "${params.join(' ')}"`);
      const limit = Number(params[0]);
      if (limit !== 0 && limit < MINIMUM) return violation(expected, actual, `a limit of ${limit} octets is below the 64K every server must accept (RFC 5321 §4.5.3.1.7)`);
      return pass(expected, actual);
    },
  }),
];
