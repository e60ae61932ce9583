import { handshake } from '../../harness/dialog.js';
import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import { pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §3.8 (and §4.1.1.10): the server MUST NOT close the connection on its own except after
// 221 to QUIT, after sending 421, or after a timeout. The check makes two ordinary client mistakes
// (an unknown command, a malformed MAIL) and a few good commands, and watches for a close that no
// 421 announced. Graded warn: §7.8 lets servers defend against abusive clients (catalog ambiguity 20).

export const serverCloseChecks = [
  defineCheck({
    id: 'rfc5321/3.8/close-only-after-quit-421-timeout',
    title: 'Sends an unknown command, a malformed MAIL, then NOOP, RSET and NOOP, watching for a close',
    requirement: 'The server MUST NOT close the connection except after 221 to QUIT, after a 421, or on a timeout',
    level: 'MUST NOT',
    severity: 'warn',
    severityNote: 'RFC 5321 §7.8 lets servers drop sessions they judge abusive (catalog ambiguity 20)',
    catalog: ['5321-3.8-close-only-after-quit-421-timeout'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const expected = ['every command answered; a close only after 221 or 421'];
      const log: string[] = [];
      let last: Outcome | undefined;
      for (const line of ['XYZZYNOSUCHCMD', `MAIL FROM:${ctx.sender}>`, 'NOOP', 'RSET', 'NOOP']) {
        const outcome = await s.send(line);
        log.push(`${line} → ${describeOutcome(outcome)}`);
        if (outcome.kind === 'reply' && outcome.code === 421) {
          return pass(expected, log.join('; '), 'the server announced the end of the session with 421');
        }
        if (outcome.kind === 'closed') {
          const after = last === undefined ? 'the EHLO reply' : describeOutcome(last);
          return violation(expected, log.join('; '), `the server closed the connection without 221 or 421 (last reply: ${after})`);
        }
        last = outcome;
      }
      return pass(expected, log.join('; '));
    },
  }),
];
