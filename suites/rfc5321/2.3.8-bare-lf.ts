import { handshake } from '../../harness/dialog.js';
import { describeOutcome, replyClass } from '../../harness/session/outcome.js';
import { pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { describeOutcomes } from './support.js';

// RFC 5321 §2.3.8: lines end with CRLF, and implementations MUST NOT recognise other line
// terminators. "RSET<LF>QUIT<CRLF>" is therefore ONE command line, which deserves one reply.

export const bareLfChecks = [
  // §2.3.8. A server that takes the bare LF as a line end answers RSET and QUIT separately (250 then
  // 221). Refusing the line (one 5xx) and then closing is also acceptable. Graded warn: widely
  // ignored for command lines (catalog ambiguity 6); the end-of-data variants are graded fail.
  defineCheck({
    id: 'rfc5321/2.3.8/bare-lf-in-command',
    title: 'Sends "RSET<LF>QUIT<CRLF>" in one write, then NOOP',
    requirement: 'The server MUST NOT take a bare LF as the end of a command: exactly one reply, and the session goes on (or a 5xx and close)',
    level: 'MUST NOT',
    severity: 'warn',
    severityNote: 'RFC 5321 §2.3.8 is routinely ignored for command lines (Postfix normalises bare LF); the end-of-data variants are graded fail',
    catalog: ['5321-2.3.8-crlf-only-commands'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      await s.sendRaw('RSET\nQUIT\r\n');
      const first = await s.read();
      // A second reply (the 221 to QUIT) would come right after the first: wait a little for it.
      const extra = first.kind === 'reply' ? await s.readExtra(Math.min(2_000, s.options.replyTimeoutMs)) : [];
      const replies = [first, ...extra];
      const expected = ['exactly one reply, then NOOP → 250', 'one 5xx, then close'];
      const seen = describeOutcomes(replies);
      if (first.kind !== 'reply') return violation(expected, seen, `no reply to the line: ${describeOutcome(first)}`);
      if (extra.some((o) => o.kind === 'reply' || o.kind === 'violation')) {
        return violation(expected, seen, 'more than one reply: the bare LF was taken as a line end');
      }
      if (first.code === 221) return violation(expected, seen, '221 to the line: the QUIT after the bare LF was taken as a command');
      if (s.isClosed) {
        return replyClass(first.code) === 'permfail'
          ? pass(expected, `${seen}, then close`)
          : violation(expected, `${seen}, then close`, `the server closed the connection after ${first.code}`);
      }
      const noop = await s.send('NOOP');
      if (noop.kind === 'closed' && replyClass(first.code) === 'permfail') return pass(expected, `${seen}, then close`);
      if (noop.kind === 'reply' && noop.code === 250) return pass(expected, `${seen}; NOOP: ${describeOutcome(noop)}`);
      return violation(expected, `${seen}; NOOP: ${describeOutcome(noop)}`, `the session is out of step after the line: NOOP got ${describeOutcome(noop)}`);
    },
  }),
];
