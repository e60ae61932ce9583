import { handshake } from '../../harness/dialog.js';
import { pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 6152 §2: the EHLO keyword of the extension is 8BITMIME, and it takes no parameter.

export const keywordChecks = [
  defineCheck({
    id: 'rfc6152/2/keyword-no-parameter',
    title: 'Sends EHLO and reads the 8BITMIME line',
    requirement: 'The 8BITMIME keyword MUST be advertised without parameters',
    level: 'MUST',
    severity: 'warn',
    severityNote: 'RFC 6152 defines the keyword without parameters but states no keyword-level MUST; the catalog grades warn',
    catalog: ['6152-2-keyword-no-parameter'],
    requires: ['8BITMIME'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const params = s.params('8BITMIME') ?? [];
      const actual = ['8BITMIME', ...params].join(' ');
      return params.length === 0 ? pass(['8BITMIME'], actual) : violation(['8BITMIME'], actual, `8BITMIME advertised with parameters: ${params.join(' ')}`);
    },
  }),
];
