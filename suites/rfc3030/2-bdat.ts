import { dotStuff, mailFrom, openTransaction, rcptTo, simpleMessage } from '../../harness/dialog.js';
import { required } from '../../harness/setup.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { expectReply, pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { chunkMessage, sendChunk } from './support.js';

// RFC 3030 §2: with CHUNKING the content may come in BDAT chunks of an announced octet count, each
// acknowledged by one reply; LAST marks the final chunk (possibly empty). BDAT after BDAT LAST,
// and DATA after a BDAT of the same transaction, are sequencing errors (503); DATA itself stays
// available for other transactions of the session.

const ok = (o: Parameters<typeof expectReply>[0], what: string): Verdict => expectReply(o, { class: 'ok', preferred: [250] }, what);

/** No reply may arrive unasked: each chunk gets exactly one. */
async function noExtraReplies(s: Session): Promise<Verdict> {
  const extra = await s.readExtra(300);
  return extra.length === 0 ? pass(['nothing'], 'nothing') : violation(['nothing'], extra.map(describeOutcome).join(' / '), 'replies nobody asked for: the chunks and the replies are out of step');
}

export const bdatChecks = [
  defineCheck({
    id: 'rfc3030/2/bdat-basic',
    title: 'Sends a message as BDAT 100 + BDAT <rest> LAST, then a second one ending with BDAT 0 LAST',
    requirement: 'Each BDAT chunk of exactly the announced size MUST get one 250, LAST included, and an empty LAST chunk MUST be accepted',
    level: 'MUST',
    catalog: ['3030-2-bdat-basic'],
    requires: ['CHUNKING'],
    run: async (s, ctx) => {
      await openTransaction(s, ctx);
      const message = chunkMessage(ctx);
      const first = await sendChunk(s, message.subarray(0, 100), false);
      const last = await sendChunk(s, message.subarray(100), true);
      const parts = [
        { probe: 'BDAT 100', verdict: ok(first, 'first chunk') },
        { probe: `BDAT ${message.length - 100} LAST`, verdict: ok(last, 'last chunk') },
      ];
      if (last.kind === 'reply' && last.code === 250) {
        await mailFrom(s, ctx);
        await rcptTo(s, ctx);
        parts.push({ probe: `BDAT ${message.length}`, verdict: ok(await sendChunk(s, message, false), 'whole message as a chunk') });
        parts.push({ probe: 'BDAT 0 LAST', verdict: ok(await sendChunk(s, '', true), 'empty last chunk') });
      }
      parts.push({ probe: 'no further reply', verdict: await noExtraReplies(s) });
      return worstOf(parts);
    },
  }),

  defineCheck({
    id: 'rfc3030/2/bdat-after-last-503',
    title: 'Sends BDAT 0 right after a transaction ended with BDAT LAST, then RSET',
    requirement: 'A BDAT after BDAT LAST MUST be refused with 503; RSET then gets 250',
    level: 'MUST',
    catalog: ['3030-2-bdat-after-last-503'],
    requires: ['CHUNKING'],
    run: async (s, ctx) => {
      await openTransaction(s, ctx);
      required(await sendChunk(s, chunkMessage(ctx), true), 'BDAT <message> LAST');
      // A zero-length chunk: whatever the server thinks of it, there are no octets to consume.
      const after = await s.send('BDAT 0');
      const parts = [{ probe: 'BDAT 0 after LAST', verdict: expectReply(after, { class: 'permfail', preferred: [503] }, 'BDAT after BDAT LAST') }];
      // RFC 3030 §2: the state after the error is undefined; the client's RSET must bring it back.
      if (after.kind === 'reply') parts.push({ probe: 'RSET', verdict: ok(await s.send('RSET'), 'RSET after the refused BDAT') });
      return worstOf(parts);
    },
  }),

  defineCheck({
    id: 'rfc3030/2/no-data-after-bdat',
    title: 'Sends DATA after a first (not LAST) BDAT chunk of the same transaction, then RSET',
    requirement: 'DATA after BDAT in one transaction MUST be refused with 503; RSET then gets 250',
    level: 'MUST',
    catalog: ['3030-2-no-data-after-bdat'],
    requires: ['CHUNKING'],
    run: async (s, ctx) => {
      await openTransaction(s, ctx);
      required(await sendChunk(s, chunkMessage(ctx).subarray(0, 10), false), 'BDAT 10');
      const data = await s.send('DATA');
      const verdict = expectReply(data, { class: 'permfail', preferred: [503] }, 'DATA after BDAT');
      // A 354 leaves the server reading mail data: nothing more to ask on this connection.
      if (data.kind !== 'reply' || data.code === 354) return verdict;
      return worstOf([
        { probe: 'DATA after BDAT', verdict },
        { probe: 'RSET', verdict: ok(await s.send('RSET'), 'RSET after the refused DATA') },
      ]);
    },
  }),

  // RFC 3030 §2 (5): DATA remains supported; only mixing both in one transaction is forbidden.
  defineCheck({
    id: 'rfc3030/2/data-still-supported',
    title: 'Sends one message by BDAT LAST, then a second one by DATA on the same connection',
    requirement: 'A server offering CHUNKING MUST still accept DATA in a later transaction of the session',
    level: 'MUST',
    catalog: ['3030-2-data-still-supported'],
    requires: ['CHUNKING'],
    run: async (s, ctx) => {
      await openTransaction(s, ctx);
      const bdat = await sendChunk(s, chunkMessage(ctx), true);
      required(bdat, 'BDAT <message> LAST');
      await mailFrom(s, ctx);
      await rcptTo(s, ctx);
      const data = await s.send('DATA');
      const dataVerdict = expectReply(data, { class: 'intermediate', preferred: [354] }, 'DATA after a BDAT transaction');
      if (data.kind !== 'reply' || data.code !== 354) return worstOf([{ probe: 'BDAT transaction', verdict: ok(bdat, 'BDAT LAST') }, { probe: 'DATA', verdict: dataVerdict }]);
      await s.sendRaw(dotStuff(simpleMessage(ctx)) + '.\r\n');
      return worstOf([
        { probe: 'BDAT transaction', verdict: ok(bdat, 'BDAT LAST') },
        { probe: 'DATA', verdict: dataVerdict },
        { probe: 'end of data', verdict: ok(await s.read(), 'end of the DATA message') },
      ]);
    },
  }),
];
