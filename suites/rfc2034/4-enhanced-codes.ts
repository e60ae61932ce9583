import { inconclusive, nonStrict, pass, violation, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { qualifying, representativeSession, shown, statusCodeOf, type Exchange } from './monitor.js';

// RFC 2034 §3-5: once a server supports ENHANCEDSTATUSCODES, the text of every 2xx, 4xx and 5xx
// reply (but the greeting and the HELO/EHLO replies) starts with an RFC 3463 status code whose
// class is the reply's first digit, repeated on every line of a multi-line reply, whether the
// client said EHLO or HELO. 3xx replies carry none. Each check runs one representative session
// (see monitor.ts) and inspects every reply of it.

const list = (items: readonly string[]): string => items.slice(0, 5).join('; ') + (items.length > 5 ? `; … (${items.length} in all)` : '');

/** Every qualifying reply starts with a code; 3xx replies have none (the latter only non-strict). */
function codesOnAllReplies(exchanges: readonly Exchange[], opener: string): Verdict {
  const expected = ['an enhanced status code at the start of every 2xx/4xx/5xx reply', 'none on 3xx replies'];
  const checked = qualifying(exchanges);
  const missing = checked.filter((e) => statusCodeOf(e.reply.lines[0] ?? '') === undefined).map((e) => shown(e));
  const actual = `${checked.length} replies checked after ${opener}` + (missing.length ? `; without a code: ${list(missing)}` : '');
  if (missing.length > 0) return violation(expected, actual, `replies without an enhanced status code: ${list(missing)}`);
  const on3xx = exchanges.filter((e) => Math.floor(e.reply.code / 100) === 3 && statusCodeOf(e.reply.lines[0] ?? '') !== undefined).map((e) => shown(e));
  if (on3xx.length > 0) return nonStrict(expected, `${actual}; 3xx with a code: ${list(on3xx)}`, `RFC 2034 §3 puts no enhanced code on 3xx replies: ${list(on3xx)}`);
  return pass(expected, actual);
}

export const enhancedCodeChecks = [
  defineCheck({
    id: 'rfc2034/4/codes-on-all-replies',
    title: 'Runs a representative EHLO session (MAIL, RCPT accepted and refused, DATA, RSET, NOOP, VRFY, HELP, unknown command, QUIT) and reads every reply',
    requirement: 'Every 2xx, 4xx and 5xx reply other than the greeting and the EHLO reply MUST start with an enhanced status code; 3xx replies carry none',
    level: 'MUST',
    catalog: ['2034-4-codes-on-all-replies'],
    requires: ['ENHANCEDSTATUSCODES'],
    run: async (s, ctx) => codesOnAllReplies(await representativeSession(s, ctx, 'EHLO'), 'EHLO'),
  }),

  defineCheck({
    id: 'rfc2034/4/class-matches',
    title: 'Runs a representative EHLO session and compares each enhanced code with its reply code',
    requirement: 'The class of every enhanced status code MUST equal the first digit of its reply code (2xx ↔ 2.x.x, 4xx ↔ 4.x.x, 5xx ↔ 5.x.x)',
    level: 'MUST',
    catalog: ['2034-4-class-matches'],
    requires: ['ENHANCEDSTATUSCODES'],
    run: async (s, ctx) => {
      const checked = qualifying(await representativeSession(s, ctx, 'EHLO'));
      const wrong: string[] = [];
      let coded = 0;
      for (const e of checked) {
        e.reply.lines.forEach((text, i) => {
          const code = statusCodeOf(text);
          if (code === undefined) return;
          coded++;
          if (code[0] !== String(e.reply.code)[0]) wrong.push(shown(e, i));
        });
      }
      const expected = ['class of each enhanced code = first digit of its reply code'];
      const actual = `${coded} coded lines in ${checked.length} replies` + (wrong.length ? `; mismatched: ${list(wrong)}` : '');
      if (wrong.length > 0) return violation(expected, actual, `enhanced code of another class than the reply: ${list(wrong)}`);
      if (coded === 0) return inconclusive(expected, actual, 'no reply carried an enhanced code (see rfc2034/4/codes-on-all-replies)');
      return pass(expected, actual);
    },
  }),

  defineCheck({
    id: 'rfc2034/4/multiline-same-code',
    title: 'Runs a representative EHLO session and reads every line of its multi-line replies (HELP, typically)',
    requirement: 'Each line of a multi-line 2xx/4xx/5xx reply MUST start with the same enhanced status code',
    level: 'MUST',
    catalog: ['2034-4-multiline-same-code'],
    requires: ['ENHANCEDSTATUSCODES'],
    run: async (s, ctx) => {
      const multi = qualifying(await representativeSession(s, ctx, 'EHLO')).filter((e) => e.reply.lines.length > 1);
      const expected = ['the same enhanced code on every line of a multi-line reply'];
      if (multi.length === 0) return inconclusive(expected, 'no multi-line reply other than EHLO', 'the session met no multi-line reply to inspect');
      const bad: string[] = [];
      for (const e of multi) {
        const first = statusCodeOf(e.reply.lines[0] ?? '');
        e.reply.lines.forEach((text, i) => {
          if (statusCodeOf(text) !== first) bad.push(shown(e, i));
        });
      }
      const actual = `${multi.length} multi-line replies: ${multi.map((e) => `${e.command} (${e.reply.lines.length} lines)`).join(', ')}`;
      return bad.length === 0 ? pass(expected, actual) : violation(expected, `${actual}; lines without the first line's code: ${list(bad)}`, `lines without the same enhanced code: ${list(bad)}`);
    },
  }),

  defineCheck({
    id: 'rfc2034/4/regardless-of-ehlo',
    title: 'Runs the representative session opened with HELO instead of EHLO and reads every reply',
    requirement: 'A server supporting the extension MUST send enhanced status codes whether or not the client used EHLO',
    level: 'MUST',
    catalog: ['2034-4-regardless-of-ehlo'],
    requires: ['ENHANCEDSTATUSCODES'],
    run: async (s, ctx) => codesOnAllReplies(await representativeSession(s, ctx, 'HELO'), 'HELO'),
  }),
];
