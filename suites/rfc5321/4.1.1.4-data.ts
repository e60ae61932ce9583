import { openTransaction, simpleMessage } from '../../harness/dialog.js';
import { expectReply, violation, worstOf } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { describeOutcomes } from './support.js';

// RFC 5321 §4.1.1.4 and §3.3: DATA is answered with 354; the server then takes the mail data up
// to CRLF.CRLF and sends exactly one reply for it (250 on success). §4.2: one reply per command.

export const dataChecks = [
  defineCheck({
    id: 'rfc5321/4.1.1.4/data-transaction',
    title: 'Sends MAIL, RCPT, DATA and a small message ending in CRLF.CRLF',
    requirement: 'The server MUST answer DATA with 354 and the end of data with exactly one 250',
    level: 'MUST',
    catalog: ['5321-4.1.1.4-data-basic'],
    run: async (s, ctx) => {
      await openTransaction(s, ctx);
      const data = await s.send('DATA');
      const dataVerdict = expectReply(data, { class: 'intermediate', preferred: [354] }, 'DATA');
      if (data.kind !== 'reply' || data.code !== 354) return dataVerdict;
      await s.sendRaw(Buffer.from(simpleMessage(ctx, 'first line\r\nlast line\r\n'), 'utf8'));
      await s.sendRaw('.\r\n');
      const final = await s.read();
      // A second reply for the same message would arrive unasked: listen a little longer.
      const extra = final.kind === 'reply' ? await s.readExtra(500) : [];
      const finalVerdict =
        extra.length > 0
          ? violation(['exactly one reply: 250'], describeOutcomes([final, ...extra]), `${1 + extra.length} replies to one end of data`)
          : expectReply(final, { class: 'ok', preferred: [250] }, 'end of data');
      return worstOf([
        { probe: 'DATA', verdict: dataVerdict },
        { probe: 'end of data', verdict: finalVerdict },
      ]);
    },
  }),
];
