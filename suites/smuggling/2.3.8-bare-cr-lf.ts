import { openTransaction } from '../../harness/dialog.js';
import { required } from '../../harness/setup.js';
import { describeOutcome, replyClass } from '../../harness/session/outcome.js';
import { pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §2.3.8: only CRLF ends a line; a bare LF or a bare CR inside the data is not a line
// end. Rejecting such a message is the safe answer. Accepting it is conforming only if the bytes
// are kept as data, which only the sink can see, so acceptance is graded warn.

export const bareCrLfChecks = [
  defineCheck({
    id: 'smuggling/2.3.8/bare-cr-lf-in-data',
    title: 'Sends a message with a line ending in a bare LF and a line containing a bare CR',
    requirement: 'The server MUST NOT treat a bare LF or CR in the data as a line end; rejecting the message is the safe answer',
    level: 'MUST NOT',
    severity: 'warn',
    severityNote: 'acceptance may still be conforming (bytes kept as data); only the sink can tell',
    catalog: ['SMUG-bare-cr-lf-in-data'],
    run: async (s, ctx) => {
      await openTransaction(s, ctx);
      required(await s.send('DATA'), 'DATA', [354]);
      await s.sendRaw(`Subject: smtpspec bare cr lf ${ctx.token}\r\n\r\none\ntwo\rthree\r\n.\r\n`);
      const final = await s.read();
      const extra = await s.readExtra(500);
      const expected = ['5xx (message refused)', '421 and close', '250 with the bytes kept as data (visible only through the sink)'];
      const actual = [final, ...extra].map(describeOutcome).join(' / ');
      if (final.kind !== 'reply' || replyClass(final.code) === 'intermediate') return violation(expected, actual, 'no final reply to the end of data');
      if (extra.length > 0) return violation(expected, actual, 'more than one reply to one end of data');
      if (replyClass(final.code) === 'permfail') return pass(expected, actual);
      // 421 and close (RFC 5321 §3.8) refuses the message too, for now: the client will retry it.
      if (final.code === 421 && (await s.waitForClose(2_000)) === 'closed') return pass(expected, `${actual}, then close`, 'refused with 421 and the connection closed');
      if (replyClass(final.code) === 'ok') return violation(expected, actual, 'accepted; whether the bare LF was kept as data is visible only through the sink');
      return violation(expected, actual, `the message got ${describeOutcome(final)}, neither a refusal nor an acceptance`);
    },
  }),
];
