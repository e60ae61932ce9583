import type { CheckContext } from '../../harness/check.js';
import { handshake, openTransaction } from '../../harness/dialog.js';
import { required } from '../../harness/setup.js';
import { describeOutcome, replyClass, type Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { expectReply, inconclusive, pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 3030 §2: when a BDAT fails, the server must still read and discard the chunk's octets before
// it replies, and - with PIPELINING - also the chunks the client had already sent after it. A
// server that skips this executes message content as commands (a smuggling vector) and loses step.

/** Catalog bound: the oversized-chunk probe sends SIZE+1 octets, so only for limits up to 50 MB. */
const MAX_SIZE_PROBED = 50 * 1024 * 1024;

const isError = (o: Outcome): boolean => o.kind === 'reply' && (replyClass(o.code) === 'tempfail' || replyClass(o.code) === 'permfail');

/** Replies nobody asked for mean that chunk octets were taken as commands. */
function noExtra(extra: readonly Outcome[], what: string): Verdict {
  if (extra.length === 0) return pass(['nothing'], 'nothing');
  return violation(['nothing'], extra.map(describeOutcome).join(' / '), `${what}: the chunk's octets were executed as commands`);
}

/** (a) BDAT outside a transaction, its chunk being the text of a MAIL command, then NOOP. */
async function chunkWithoutTransaction(s: Session, ctx: CheckContext): Promise<Verdict> {
  await handshake(s, ctx);
  required(await s.send('RSET'), 'RSET');
  const chunk = 'MAIL FROM:<x@y.test>\r\n';
  await s.sendRaw(`BDAT ${chunk.length}\r\n${chunk}`);
  const bdat = await s.read();
  // If the chunk ran as a command, its reply comes as well: before NOOP's or after it.
  const noop = await s.send('NOOP');
  const extra = await s.readExtra(300);
  return worstOf([
    { probe: 'BDAT without MAIL', verdict: expectReply(bdat, { class: 'permfail', preferred: [503] }, 'BDAT outside a transaction') },
    { probe: 'chunk swallowed', verdict: noExtra(extra, 'replies beyond BDAT and NOOP') },
    { probe: 'NOOP', verdict: expectReply(noop, { class: 'ok', preferred: [250] }, 'NOOP after the refused chunk') },
  ]);
}

/** (b) With PIPELINING and SIZE L: BDAT L+1, BDAT 10 LAST and RSET in one write. */
async function pipelinedAfterOversized(ctx: CheckContext, limit: number): Promise<Verdict> {
  const s = await ctx.connect();
  await openTransaction(s, ctx);
  if (!s.has('PIPELINING')) return inconclusive(['PIPELINING'], 'not advertised on the second connection', 'the pipelined probe needs PIPELINING');
  const big = Buffer.alloc(limit + 1, 0x78);
  big.write('Subject: smtpspec oversized chunk\r\n\r\n', 'latin1');
  await s.sendRaw(Buffer.concat([Buffer.from(`BDAT ${limit + 1}\r\n`, 'latin1'), big, Buffer.from('BDAT 10 LAST\r\n0123456789RSET\r\n', 'latin1')]));
  const first = await s.read(Math.max(s.options.replyTimeoutMs, 30_000));
  const second = await s.read();
  const rset = await s.read();
  const extra = await s.readExtra(300);
  const firstVerdict = isError(first)
    ? expectReply(first, { class: 'permfail', preferred: [552] }, `BDAT ${limit + 1} over SIZE ${limit}`)
    : first.kind === 'reply'
      ? inconclusive(['an error for the oversized chunk'], describeOutcome(first), 'the chunk over the SIZE limit was not refused, so discarding the pipelined chunk after a failure could not be observed')
      : violation(['an error for the oversized chunk'], describeOutcome(first), 'no reply to the oversized chunk');
  const secondVerdict = !isError(first) || isError(second)
    ? pass(['an error'], describeOutcome(second))
    : violation(['an error'], describeOutcome(second), 'the chunk pipelined after a failed chunk was not refused (or its reply is missing)');
  return worstOf([
    { probe: 'oversized BDAT', verdict: firstVerdict },
    { probe: 'pipelined BDAT 10 LAST', verdict: second.kind === 'reply' ? secondVerdict : violation(['a reply'], describeOutcome(second), 'no reply to the second chunk') },
    { probe: 'RSET', verdict: expectReply(rset, { class: 'ok', preferred: [250] }, 'RSET after the failed chunks') },
    { probe: 'in step', verdict: noExtra(extra, 'replies beyond the three commands') },
  ]);
}

export const failedChunkChecks = [
  defineCheck({
    id: 'rfc3030/2/failed-chunk-consumed',
    title: 'Sends BDAT outside a transaction with a MAIL command as chunk data, then NOOP; with PIPELINING, a chunk over SIZE followed by BDAT LAST and RSET',
    requirement: 'The server MUST read and discard a failed chunk (and, with PIPELINING, the chunks already sent after it) before replying, staying in step',
    level: 'MUST',
    catalog: ['3030-2-failed-chunk-consumed'],
    requires: ['CHUNKING'],
    run: async (s, ctx) => {
      const parts = [{ probe: 'refused chunk', verdict: await chunkWithoutTransaction(s, ctx) }];
      const limit = Number(s.params('SIZE')?.[0] ?? 0);
      if (s.has('PIPELINING') && Number.isSafeInteger(limit) && limit > 0 && limit <= MAX_SIZE_PROBED) {
        parts.push({ probe: 'pipelined chunks after an oversized one', verdict: await pipelinedAfterOversized(ctx, limit) });
      }
      return worstOf(parts);
    },
  }),
];
