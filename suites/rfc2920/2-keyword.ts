import { handshake } from '../../harness/dialog.js';
import { pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 2920 §2: the extension's EHLO keyword is PIPELINING, and no parameter is used with it.

export const keywordChecks = [
  defineCheck({
    id: 'rfc2920/2/keyword',
    title: 'Sends EHLO and reads the PIPELINING line',
    requirement: 'PIPELINING MUST be advertised without parameters',
    level: 'MUST',
    severity: 'warn',
    severityNote: 'RFC 2920 §2 defines the keyword without parameters but states no keyword-level MUST; the catalog grades a parameter warn',
    catalog: ['2920-2-keyword'],
    requires: ['PIPELINING'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const params = s.params('PIPELINING') ?? [];
      const actual = ['PIPELINING', ...params].join(' ');
      return params.length === 0 ? pass(['PIPELINING'], actual) : violation(['PIPELINING'], actual, `PIPELINING advertised with parameters: ${params.join(' ')}`);
    },
  }),
];
