import { handshake } from '../../harness/dialog.js';
import { pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 2034 §3: the EHLO keyword is ENHANCEDSTATUSCODES, with no parameters.

export const enhancedKeywordChecks = [
  defineCheck({
    id: 'rfc2034/3/keyword-no-parameter',
    title: 'Sends EHLO and reads the ENHANCEDSTATUSCODES line',
    requirement: 'ENHANCEDSTATUSCODES is advertised without parameters',
    level: 'MUST',
    severity: 'warn',
    severityNote: 'the keyword\'s form is stated by the RFC, not as a server obligation; a parameter is harmless to clients that ignore it',
    catalog: ['2034-3-keyword-no-parameter'],
    requires: ['ENHANCEDSTATUSCODES'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const params = s.params('ENHANCEDSTATUSCODES') ?? [];
      const actual = ['ENHANCEDSTATUSCODES', ...params].join(' ');
      return params.length === 0 ? pass(['ENHANCEDSTATUSCODES'], actual) : violation(['ENHANCEDSTATUSCODES'], actual, `the keyword carries parameters: ${params.join(' ')}`);
    },
  }),
];
