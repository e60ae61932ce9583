import { heloHandshake } from '../../harness/dialog.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import { nonStrict, pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { EHLO_KEYWORD } from './support.js';

// RFC 5321 §3.2 (and §4.1.1.1): a server answering HELO MUST NOT send the extended EHLO-style
// reply; HELO gets a plain 250 without the list of service extensions.

/** Keywords of registered extensions that turn up in EHLO replies (besides what the target advertises). */
const KNOWN_KEYWORDS = new Set([
  '8BITMIME', 'ATRN', 'AUTH', 'BINARYMIME', 'BURL', 'CHECKPOINT', 'CHUNKING', 'CONNEG', 'CONPERM', 'DELIVERBY',
  'DSN', 'ENHANCEDSTATUSCODES', 'ETRN', 'EXPN', 'FUTURERELEASE', 'HELP', 'LIMITS', 'MT-PRIORITY', 'MTRK',
  'NO-SOLICITING', 'PIPELINING', 'REQUIRETLS', 'RRVS', 'SIZE', 'SMTPUTF8', 'STARTTLS', 'SUBMITTER', 'TURN',
  'UTF8SMTP', 'VERB', 'VRFY', 'XCLIENT', 'XFORWARD',
]);

export const heloReplyChecks = [
  defineCheck({
    id: 'rfc5321/3.2/helo-plain-reply',
    title: 'Sends HELO and reads the reply',
    requirement: 'The server MUST NOT answer HELO with the extended reply that lists service extensions',
    level: 'MUST NOT',
    catalog: ['5321-3.2-helo-plain-reply'],
    run: async (s, ctx) => {
      const reply = await heloHandshake(s, ctx);
      const expected = ['a single 250 line', 'a multi-line 250 of free text'];
      const actual = describeOutcome(reply);
      if (reply.lines.length === 1) return pass(expected, actual);
      // A line "counts" as an extension when its first token is a keyword the target advertised to
      // EHLO or a well-known extension keyword; other extra lines are free text (tolerated).
      const keywordLines = reply.lines.slice(1).filter((line) => {
        const token = line.split(' ')[0] ?? '';
        const upper = token.toUpperCase();
        return EHLO_KEYWORD.test(token) && (ctx.probeKeywords.has(upper) || KNOWN_KEYWORDS.has(upper));
      });
      if (keywordLines.length > 0) {
        return violation(expected, actual, `the HELO reply lists service extensions: ${keywordLines.map((l) => JSON.stringify(l)).join(', ')}`);
      }
      return nonStrict(expected, actual, 'the HELO reply is multi-line; its extra lines are free text, not extension keywords');
    },
  }),
];
