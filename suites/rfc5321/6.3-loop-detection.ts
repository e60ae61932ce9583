import type { CheckContext } from '../../harness/check.js';
import { awaitRelayOrBounce, bounceSender, describeRefusal, describeWait, dotStuffOctets, requireAccepted, sinkRecipient, submitForRelay, taggedMessage } from '../../harness/relay.js';
import type { Session } from '../../harness/session/session.js';
import { inconclusive, pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §6.3: a server detects loops by counting Received fields with a large threshold,
// normally at least 100; a message that has passed 250 hops is looping. Real defaults are often
// lower (Postfix 50, Exim 30), hence warn.

function withReceived(ctx: CheckContext, hops: number, to: string): Buffer {
  const fields = Array.from({ length: hops }, (_, i) => `Received: from hop${hops - i}.client.test ([192.0.2.${(i % 250) + 1}])\r\n\tby hop${hops - i + 1}.client.test with ESMTP id L${i};\r\n\tMon, 1 Jan 2024 00:00:00 +0000\r\n`);
  return Buffer.concat([Buffer.from(fields.join(''), 'latin1'), taggedMessage(ctx, { to, body: `a message that has passed ${hops} hops\r\n` })]);
}

async function probe(s: Session, ctx: CheckContext, label: string, hops: number): Promise<{ refused?: string; arrival?: Awaited<ReturnType<typeof awaitRelayOrBounce>> }> {
  const to = sinkRecipient(ctx, 'full', label);
  const sub = await submitForRelay(s, ctx, { from: bounceSender(ctx, label), rcpts: [to], content: dotStuffOctets(withReceived(ctx, hops, to)) });
  if (!sub.accepted && sub.step === 'end of data') return { refused: describeRefusal(sub) };
  requireAccepted(sub);
  // End the session before waiting: Sendmail keeps a message it will bounce locked until the
  // client has gone, so waiting with the session open would time out.
  await s.send('QUIT');
  return { arrival: await awaitRelayOrBounce(ctx, label) };
}

export const loopDetectionChecks = [
  defineCheck({
    id: 'rfc5321/6.3/loop-detection',
    title: 'Relays to the sink one message carrying 60 Received fields and one carrying 250',
    requirement: 'Loop detection SHOULD use a threshold of at least 100 Received fields (the 60-hop message relayed), and the server SHOULD stop the 250-hop one (refused or bounced)',
    level: 'SHOULD',
    catalog: ['5321-6.3-loop-detection'],
    needs: ['sink'],
    run: async (s, ctx): Promise<Verdict> => {
      const a = await probe(s, ctx, 'hops60', 60);
      const expected60 = ['relayed to the sink'];
      const v60 = a.refused
        ? violation(expected60, a.refused, 'a message with 60 Received fields was refused: the loop threshold is below 100')
        : a.arrival?.delivered
          ? pass(expected60, `delivered: ${describeWait(ctx, a.arrival)}`)
          : a.arrival?.bounce
            ? violation(expected60, 'bounced', 'a message with 60 Received fields was bounced: the loop threshold is below 100')
            : inconclusive(expected60, describeWait(ctx, a.arrival!), 'the message did not reach the sink');
      // A connection of its own: a second EHLO on the first one is a different requirement
      // (rfc5321/4.1.4/second-ehlo-resets), and a server that refuses it must not stop this check.
      const b = await probe(await ctx.connect(), ctx, 'hops250', 250);
      const expected250 = ['refused at the end of data', 'bounced to the sender'];
      const v250 = b.refused
        ? pass(expected250, b.refused)
        : b.arrival?.bounce
          ? pass(expected250, `bounced: ${describeWait(ctx, b.arrival)}`)
          : b.arrival?.delivered
            ? violation(expected250, `delivered: ${describeWait(ctx, b.arrival)}`, 'a message with 250 Received fields was relayed onward: no loop protection visible')
            : inconclusive(expected250, describeWait(ctx, b.arrival!), 'neither the message nor a bounce arrived');
      return worstOf([
        { probe: '60 hops', verdict: v60 },
        { probe: '250 hops', verdict: v250 },
      ]);
    },
  }),
];
