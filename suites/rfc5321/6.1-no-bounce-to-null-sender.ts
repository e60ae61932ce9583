import { awaitRelayOrBounce, bounceSender, dotStuffOctets, requireAccepted, sinkRecipient, submitForRelay, taggedMessage } from '../../harness/relay.js';
import { defineCheck } from '../define.js';
import { watchNoNotification } from './null-sender-watch.js';

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
      const ok = sinkRecipient(ctx, 'full', 'relay');
      const refused = sinkRecipient(ctx, 'refuse', 'refused');
      // The header From is where a broken server might send the notification instead.
      const message = taggedMessage(ctx, { to: ok, from: bounceSender(ctx, 'notify'), body: 'a notification that must not be bounced\r\n' });
      requireAccepted(await submitForRelay(s, ctx, { from: '', rcpts: [ok, refused], content: dotStuffOctets(message) }));
      return watchNoNotification(ctx, await awaitRelayOrBounce(ctx), { copyFor: ok, watchMs: WATCH_MS, noun: 'notification' });
    },
  }),
];
