import type { CheckContext } from '../../harness/check.js';
import { handshake } from '../../harness/dialog.js';
import { describeOutcome, isClass } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { expectReply, nonStrict, worstOf } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import type { Probe } from './support.js';

// RFC 5321 §4.1.4 (with §4.1.2): an unacceptable MAIL argument MUST get 501 and leave the server in
// the same state - no transaction opened, so a valid MAIL right after it is accepted, not refused as
// nested. The unbracketed path is accepted by several servers for old clients: that variant is
// graded NON-STRICT (catalog). Two malformed commands per connection (hygiene).

/** Sends the malformed MAIL, then a valid one; grades both. */
async function malformedThenValid(s: Session, ctx: CheckContext, path: string, lenient: boolean): Promise<Probe[]> {
  const line = `MAIL FROM:${path}`;
  const bad = await s.send(line);
  let badVerdict = expectReply(bad, { class: 'permfail', preferred: [501] }, `${line} (malformed)`);
  if (isClass(bad, 'ok')) {
    if (lenient) badVerdict = nonStrict(badVerdict.expected, badVerdict.actual, `${line} accepted; the path lacks its angle brackets`);
    await s.send('RSET');
  }
  const good = await s.send(`MAIL FROM:<${ctx.sender}>`);
  const goodVerdict = expectReply(good, { class: 'ok', preferred: [250] }, `valid MAIL after "${line}" (${describeOutcome(bad)})`);
  if (isClass(good, 'ok')) await s.send('RSET');
  return [
    { probe: line, verdict: badVerdict },
    { probe: `valid MAIL after ${path}`, verdict: goodVerdict },
  ];
}

export const badMailArgumentChecks = [
  defineCheck({
    id: 'rfc5321/4.1.4/bad-mail-argument',
    title: 'Sends MAIL FROM:<<…>>, MAIL FROM:… without brackets, MAIL FROM:<a@> and MAIL FROM:<@>, each followed by a valid MAIL',
    requirement: 'A malformed MAIL MUST get 501 and open no transaction: the valid MAIL after it gets 250',
    level: 'MUST',
    catalog: ['5321-4.1.4-bad-mail-argument'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const probes = [...(await malformedThenValid(s, ctx, `<<${ctx.sender}>>`, false)), ...(await malformedThenValid(s, ctx, ctx.sender, true))];
      const second = await ctx.connect();
      await handshake(second, ctx);
      probes.push(...(await malformedThenValid(second, ctx, '<a@>', false)), ...(await malformedThenValid(second, ctx, '<@>', false)));
      return worstOf(probes);
    },
  }),
];
