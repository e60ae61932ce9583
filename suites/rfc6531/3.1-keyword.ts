import { handshake } from '../../harness/dialog.js';
import { pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 6531 §3.1: the SMTPUTF8 EHLO keyword has no parameters (item 3), and a server offering it
// must also support and announce 8BITMIME (item 8, §1.2).

export const smtputf8KeywordChecks = [
  defineCheck({
    id: 'rfc6531/3.1/keyword-no-parameters',
    title: 'Sends EHLO and reads the SMTPUTF8 line',
    requirement: 'The SMTPUTF8 keyword MUST NOT carry parameters',
    level: 'MUST NOT',
    catalog: ['6531-3.1-keyword-no-parameters'],
    requires: ['SMTPUTF8'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const params = s.params('SMTPUTF8') ?? [];
      const actual = ['SMTPUTF8', ...params].join(' ');
      return params.length === 0 ? pass(['SMTPUTF8'], actual) : violation(['SMTPUTF8'], actual, `SMTPUTF8 advertised with parameters: ${params.join(' ')}`);
    },
  }),

  defineCheck({
    id: 'rfc6531/3.1/requires-8bitmime',
    title: 'Sends EHLO and looks for 8BITMIME next to SMTPUTF8',
    requirement: 'A server advertising SMTPUTF8 MUST also advertise 8BITMIME',
    level: 'MUST',
    catalog: ['6531-3.1-requires-8bitmime'],
    requires: ['SMTPUTF8'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const keywords = [...(s.ehloKeywords?.keys() ?? [])].join(' ');
      return s.has('8BITMIME') ? pass(['SMTPUTF8 and 8BITMIME'], keywords) : violation(['SMTPUTF8 and 8BITMIME'], keywords, 'SMTPUTF8 is advertised without 8BITMIME');
    },
  }),
];
