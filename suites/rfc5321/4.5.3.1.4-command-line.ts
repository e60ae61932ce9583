import { handshake } from '../../harness/dialog.js';
import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import { pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.5.3.1.4: a command line, verb to CRLF, is at least 512 octets long as far as the
// receiver is concerned; a "line too long" error (500, §4.3.2) for a line of 512 octets or less is
// a violation. Any other answer (a 501 for NOOP's argument, a 555 for the padding parameter) conforms.

const LIMIT = 512;

/** `prefix` padded with "x" to exactly 512 octets including CRLF. */
function padTo512(prefix: string): string {
  return prefix + 'x'.repeat(LIMIT - 2 - Buffer.byteLength(prefix));
}

const MENTIONS_LENGTH = /too long|length|exceed|limit/i;

function gradeLongLine(outcome: Outcome, what: string): Verdict {
  const expected = ['any reply but a line-length refusal'];
  const actual = describeOutcome(outcome);
  if (outcome.kind !== 'reply') return violation(expected, actual, `${what} of 512 octets: ${actual}`);
  if (outcome.code === 500) return violation(expected, actual, `${what} of 512 octets got 500 (line too long / not recognised)`);
  if (outcome.code === 421) return violation(expected, actual, `${what} of 512 octets got 421: the server gave up on the session`);
  if (outcome.code >= 400 && MENTIONS_LENGTH.test(outcome.lines.join(' '))) {
    return violation(expected, actual, `${what} of 512 octets refused for its length`);
  }
  return pass(expected, actual);
}

export const commandLineChecks = [
  defineCheck({
    id: 'rfc5321/4.5.3.1.4/command-line-512',
    title: 'Sends a NOOP line and a MAIL line of exactly 512 octets each, CRLF included',
    requirement: 'The server MUST accept command lines of 512 octets without a line-length error',
    level: 'MUST',
    catalog: ['5321-4.5.3.1.4-command-line-512'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const noop = await s.send(padTo512('NOOP '));
      const noopVerdict = gradeLongLine(noop, 'NOOP line');
      if (s.isClosed) return noopVerdict;
      // The padding parameter is unknown on purpose: 555 (or 501) is fine, only the length matters.
      const mail = await s.send(padTo512(`MAIL FROM:<${ctx.sender}> XPAD=`));
      if (mail.kind === 'reply' && mail.code === 250) await s.send('RSET');
      return worstOf([
        { probe: 'NOOP line', verdict: noopVerdict },
        { probe: 'MAIL line', verdict: gradeLongLine(mail, 'MAIL line') },
      ]);
    },
  }),
];
