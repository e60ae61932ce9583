import { handshake } from '../../harness/dialog.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import { nonStrict, pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { EHLO_LINE, isDomainOrAddressLiteral, rawLines, showLine } from './support.js';

// RFC 5321 §4.1.1.1, ehlo-ok-rsp:
//   "250" SP Domain [SP ehlo-greet] CRLF, or
//   "250-" Domain [SP ehlo-greet] CRLF *("250-" ehlo-line CRLF) "250" SP ehlo-line CRLF
//   ehlo-greet = 1*(%d0-9 / %d11-12 / %d14-127); ehlo-line = ehlo-keyword *(SP ehlo-param)
//   ehlo-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-"); ehlo-param = 1*(%d33-126)

/** The legacy "AUTH=PLAIN LOGIN" line for old Outlook clients: outside the grammar, but only warn. */
const LEGACY_AUTH = /^AUTH=[\x21-\x7e]+(?: [\x21-\x7e]+)*$/i;

export const ehloReplyGrammarChecks = [
  defineCheck({
    id: 'rfc5321/4.1.1.1/ehlo-reply-grammar',
    title: 'Sends EHLO and parses every line of the 250 reply',
    requirement: 'The EHLO reply MUST follow ehlo-ok-rsp: the domain first, then one keyword with parameters per line',
    level: 'MUST',
    catalog: ['5321-4.1.1.1-ehlo-reply-grammar'],
    run: async (s, ctx) => {
      const reply = await handshake(s, ctx);
      const expected = ['250 reply matching ehlo-ok-rsp (RFC 5321 §4.1.1.1)'];
      const problems: string[] = [...reply.deviations];
      const legacy: string[] = [];
      rawLines(reply).forEach(({ line, code, sep, text }, i) => {
        const where = `line ${i + 1} ${showLine(line)}`;
        if (/[\x80-\xff]/.test(line)) problems.push(`${where}: octet above 127`);
        if (/\r/.test(line)) problems.push(`${where}: CR inside the line`);
        if (code !== '250') problems.push(`${where}: code ${code}, not 250`);
        if (i === 0) {
          // Domain [SP ehlo-greet]: the first token must be the server's domain or address literal.
          const token = text.split(' ')[0] ?? '';
          if (!isDomainOrAddressLiteral(token)) problems.push(`${where}: does not start with a domain or address literal`);
          return;
        }
        // The last line needs "250" SP (a bare "250" without a keyword cannot carry an ehlo-line).
        if (sep === '') problems.push(`${where}: no ehlo-line after the code`);
        if (EHLO_LINE.test(text)) return;
        if (LEGACY_AUTH.test(text)) legacy.push(`${where}: legacy "AUTH=" form, not an ehlo-keyword`);
        else problems.push(`${where}: not an ehlo-line (keyword [A-Za-z0-9][A-Za-z0-9-]*, parameters of octets 33-126 separated by single SP)`);
      });
      const actual = describeOutcome(reply);
      if (problems.length > 0) return violation(expected, actual, problems.join('; '));
      if (legacy.length > 0) return nonStrict(expected, actual, legacy.join('; '));
      return pass(expected, actual);
    },
  }),
];
