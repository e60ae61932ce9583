import { awaitRelayOrBounce, bounceSender, describeWait, dotStuffOctets, requireAccepted, sinkOf, sinkRecipient, submitForRelay, taggedMessage } from '../../harness/relay.js';
import { inconclusive, pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §6.1 (and §3.6.3, §4.5.5): no notification is ever sent for a message with the null
// reverse-path. Absence can only be observed for a bounded window: the check sends one recipient
// the next hop accepts (its copy proves the target relayed the transaction) and one it refuses
// with 5xx, then watches the bounce catcher for two minutes after the copy arrived. Real MTAs
// bounce from their queue, seconds to minutes later: a short window would pass servers that do
// send the notification, hence the slow profile.

/** How long to watch for a notification after the accepted copy arrived. */
const WATCH_MS = 120_000;

export const noBounceToNullSenderChecks = [
  defineCheck({
    id: 'rfc5321/6.1/no-bounce-to-null-sender',
    title: 'Sends MAIL FROM:<> with one recipient the sink accepts and one at refuse.sink.test (refused with 550), header From at the bounce catcher',
    requirement: 'The server MUST NOT send a notification for a message with the null reverse-path (absence is watched for a bounded window)',
    level: 'MUST NOT',
    catalog: ['5321-6.1-no-bounce-to-null-sender'],
    needs: ['sink'],
    profile: 'slow',
    // The sink wait for the copy, then the watch.
    timeoutMs: WATCH_MS + 120_000,
    run: async (s, ctx) => {
      const sink = sinkOf(ctx);
      const ok = sinkRecipient(ctx, 'full', 'relay');
      const refused = sinkRecipient(ctx, 'refuse', 'refused');
      // The header From is where a broken server might send the notification instead.
      const message = taggedMessage(ctx, { to: ok, from: bounceSender(ctx, 'notify'), body: 'a notification that must not be bounced\r\n' });
      requireAccepted(await submitForRelay(s, ctx, { from: '', rcpts: [ok, refused], content: dotStuffOctets(message) }));
      const arrival = await awaitRelayOrBounce(ctx);
      const watch = WATCH_MS;
      const expected = [`the copy for ${ok} at the sink, and no notification at the bounce catcher within ${watch} ms after it`];
      const bounced = (t: { profile: string; rcpts: readonly { address: string }[] }) => t.profile === 'bounce' && t.rcpts.some((r) => r.address.includes(ctx.token));
      if (!arrival.delivered) {
        const early = sink.transactions().find(bounced);
        if (early) return violation(expected, `a notification to <${early.rcpts[0]?.address}> from <${early.mailFrom}>`, 'a notification was sent for a message with the null reverse-path');
        return inconclusive(expected, describeWait(ctx, arrival), 'the accepted copy did not reach the sink, so the relay attempt was not observed');
      }
      const bounce = await sink.waitFor(bounced, watch);
      if (bounce) return violation(expected, `${describeWait(ctx, arrival)}; a notification to <${bounce.rcpts[0]?.address}> from <${bounce.mailFrom}>`, 'a notification was sent for a message with the null reverse-path');
      return pass(expected, `${describeWait(ctx, arrival)}; no notification within ${watch} ms after the copy (absence within a bounded window)`);
    },
  }),
];
