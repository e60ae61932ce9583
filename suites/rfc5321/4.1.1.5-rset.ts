import { handshake, mailFrom, rcptTo } from '../../harness/dialog.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import { expectReply, violation, worstOf } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.1.1.5: RSET aborts the current mail transaction: sender, recipients and data are
// discarded, the reply MUST be 250, and the server MUST NOT close the connection because of it.

export const rsetChecks = [
  defineCheck({
    id: 'rfc5321/4.1.1.5/rset-clears-transaction',
    title: 'Sends MAIL and RCPT, then RSET, DATA and NOOP',
    requirement: 'The server MUST answer RSET with 250 and discard the transaction: DATA is refused, the session goes on',
    level: 'MUST',
    catalog: ['5321-4.1.1.5-rset'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      await mailFrom(s, ctx);
      await rcptTo(s, ctx);
      const rset = await s.send('RSET');
      const data = await s.send('DATA');
      if (data.kind === 'reply' && data.code === 354) {
        // The recipient survived RSET. Send nothing more: the runner closes the connection, so the
        // server has no complete message to deliver.
        return violation(['DATA refused (503/554)'], `RSET: ${describeOutcome(rset)}; DATA: ${describeOutcome(data)}`, 'DATA got 354 after RSET: the transaction was not discarded');
      }
      const noop = await s.send('NOOP');
      return worstOf([
        { probe: 'RSET', verdict: expectReply(rset, { class: 'ok', preferred: [250] }, 'RSET') },
        { probe: 'DATA after RSET', verdict: expectReply(data, { class: 'permfail', preferred: [503, 554] }, 'DATA after RSET') },
        { probe: 'NOOP', verdict: expectReply(noop, { class: 'ok', preferred: [250] }, 'NOOP after RSET') },
      ]);
    },
  }),
];
