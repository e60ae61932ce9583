import { openTransaction, simpleMessage } from '../../harness/dialog.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import { required } from '../../harness/setup.js';
import { expectReply, violation, worstOf } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { describeOutcomes } from './support.js';

// RFC 5321 §4.5.2: the receiver removes one leading period from a data line that has more
// characters after it; only a line consisting of a single period ends the mail data. So none of
// these lines (as sent on the wire, after the client's stuffing) may end the data.

/** Body lines exactly as sent; ". space" is what a client that forgot to stuff would send. */
const DOT_LINES = ['..leading dot', '...two dots', '..', '. space'];

export const transparencyChecks = [
  // A server that ends the data early answers at the early "end" and then takes the rest of the
  // body for commands: several replies arrive, and the session is out of step.
  defineCheck({
    id: 'rfc5321/4.5.2/dot-lines-do-not-end-data',
    title: 'Sends mail data with the lines "..leading dot", "...two dots", "..", ". space"',
    requirement: 'The server MUST end the data only at CRLF.CRLF: exactly one reply after it, and the session stays in step',
    level: 'MUST',
    catalog: ['5321-4.5.2-dot-transparency'],
    run: async (s, ctx) => {
      await openTransaction(s, ctx);
      required(await s.send('DATA'), 'DATA', [354]);
      const body = [...DOT_LINES, 'last line'].map((l) => `${l}\r\n`).join('');
      await s.sendRaw(Buffer.from(simpleMessage(ctx, body), 'utf8'));
      await s.sendRaw('.\r\n');
      const final = await s.read();
      const extra = final.kind === 'reply' ? await s.readExtra(500) : [];
      const endVerdict =
        extra.length > 0
          ? violation(['exactly one reply after CRLF.CRLF'], describeOutcomes([final, ...extra]), `${1 + extra.length} replies to one message: a dot line ended the data early`)
          : expectReply(final, { class: 'ok', preferred: [250] }, 'end of data');
      const noop = await s.send('NOOP');
      const noopVerdict =
        noop.kind === 'reply' && noop.code === 250
          ? expectReply(noop, { class: 'ok', preferred: [250] })
          : violation(['250'], describeOutcome(noop), `NOOP after the message got ${describeOutcome(noop)}: the session is out of step`);
      return worstOf([
        { probe: 'end of data', verdict: endVerdict },
        { probe: 'NOOP after it', verdict: noopVerdict },
      ]);
    },
  }),
];
