import { handshake } from '../../harness/dialog.js';
import { nonStrict, pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { IANA_SMTP_EXTENSIONS_SNAPSHOT_DATE, ehloLineProblems, ehloLines, isLegacyAuthLine, keywordStanding } from '../keywords.js';

// RFC 1869 §4.3: the lines after the first of a 250 EHLO reply each carry one ehlo-keyword (a
// letter or digit, then letters, digits and hyphens) and optional ehlo-params (printable, no SP),
// separated by single spaces. Keywords that do not start with "X" must be registered with IANA.

export const ehloKeywordChecks = [
  defineCheck({
    id: 'rfc1869/4.3/keyword-syntax',
    title: 'Sends EHLO and parses every keyword line of the reply',
    requirement: 'Each EHLO keyword line MUST follow ehlo-line: ehlo-keyword *(SP ehlo-param)',
    level: 'MUST',
    catalog: ['1869-4.3-keyword-syntax'],
    run: async (s, ctx) => {
      const reply = await handshake(s, ctx);
      const expected = ['every line: keyword [A-Za-z0-9][A-Za-z0-9-]*, params of %d33-126 separated by single SP'];
      const lines = ehloLines(reply);
      const legacy = lines.filter(isLegacyAuthLine);
      const problems = lines.filter((l) => !isLegacyAuthLine(l)).flatMap(ehloLineProblems);
      const actual = lines.map((l) => l.text).join(' | ') || '(no keyword lines)';
      if (problems.length > 0) return violation(expected, actual, problems.join('; '));
      // The catalog (5321-4.1.1.1 notes) grades the legacy "AUTH=PLAIN LOGIN" line warn, not fail.
      if (legacy.length > 0) {
        return nonStrict(expected, actual, `legacy line ${JSON.stringify(legacy[0]!.text)}: "=" is outside the ehlo-keyword alphabet (kept for pre-standard clients)`);
      }
      return pass(expected, actual);
    },
  }),

  // RFC 1869 §4.3 and RFC 5321 §2.2.2: "X" keywords are private; any other keyword must name a
  // registered extension. VRFY is never flagged (RFC 5321 §3.5.2 allows listing it).
  defineCheck({
    id: 'rfc1869/4.3/x-keywords',
    title: 'Sends EHLO and compares every keyword with the IANA registry',
    requirement: 'A server MUST NOT advertise a keyword that neither starts with "X" nor is IANA-registered',
    level: 'MUST NOT',
    severity: 'warn',
    severityNote: `compared with a registry snapshot of ${IANA_SMTP_EXTENSIONS_SNAPSHOT_DATE}; a newer registration can look unregistered`,
    catalog: ['1869-4.3-x-keywords', '5321-2.2.2-unregistered-keywords'],
    run: async (s, ctx) => {
      const reply = await handshake(s, ctx);
      const lines = ehloLines(reply).filter((l) => !isLegacyAuthLine(l));
      const keywords = lines.map((l) => l.keyword);
      const expected = [`registered (IANA snapshot ${IANA_SMTP_EXTENSIONS_SNAPSHOT_DATE}), X-prefixed or VRFY`];
      const actual = keywords.join(' ') || '(no keywords)';
      const unregistered = keywords.filter((k) => keywordStanding(k) === 'unregistered');
      if (unregistered.length > 0) {
        return violation(expected, actual, `not in the IANA registry and not X-prefixed: ${unregistered.join(', ')}`);
      }
      return pass(expected, actual);
    },
  }),
];
