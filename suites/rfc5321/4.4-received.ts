import { awaitRelayOrBounce, bounceSender, describeWait, dotStuffOctets, requireAccepted, sinkRecipient, submitForRelay, taggedMessage } from '../../harness/relay.js';
import { headerFields } from '../../harness/sink/mime.js';
import { inconclusive, pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.4 (and §3.7.2, §4.1.1.4): a server that accepts a message for relay or delivery
// adds a Received field at the top, and never changes, removes or reorders the trace fields
// already there.

/** Two trace fields in a known order, the second one deliberately odd (folding, spacing, comment). */
const EXISTING_TRACE =
  'Received: from one.client.test ([192.0.2.1])\r\n\tby two.client.test with ESMTP id A1B2C3;\r\n\tMon, 1 Jan 2024 00:00:00 +0000\r\n' +
  'Received: from  odd.client.test   (  a comment (nested)  )\r\n  by zero.client.test ;   Sun, 31 Dec 2023 23:59:59 -0000   (odd)\r\n';

export const receivedChecks = [
  defineCheck({
    id: 'rfc5321/4.4/received-prepended',
    title: 'Sends, for relay to the sink, a message that already carries two Received fields (one odd) in a known order',
    requirement: 'The server MUST prepend its own Received field and leave the existing ones byte-identical and in order',
    level: 'MUST',
    catalog: ['5321-4.4-received-prepended'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const to = sinkRecipient(ctx, 'full');
      const plain = taggedMessage(ctx, { to, body: 'trace field test\r\n' });
      // The existing trace fields go first, as a relay upstream of the target would have put them.
      const message = Buffer.concat([Buffer.from(EXISTING_TRACE, 'latin1'), plain]);
      requireAccepted(await submitForRelay(s, ctx, { from: bounceSender(ctx), rcpts: [to], content: dotStuffOctets(message) }));
      const arrival = await awaitRelayOrBounce(ctx);
      const expected = ['new Received field(s) on top, then the message exactly as sent'];
      const t = arrival.delivered;
      if (!t) return inconclusive(expected, arrival.bounce ? 'bounced' : describeWait(ctx, arrival), 'the message did not reach the sink');
      const at = t.content.lastIndexOf(message);
      const added = at > 0 ? headerFields(t.content.subarray(0, at)) : [];
      const actual = `${describeWait(ctx, arrival)}; ${at === -1 ? 'the sent message is not intact at the sink' : `${added.length} field(s) added above it: ${added.map((f) => f.name).join(', ') || 'none'}`}`;
      if (at === -1) {
        const text = t.content.toString('latin1');
        const reason = text.includes(EXISTING_TRACE) ? 'the message was altered (the existing Received fields are intact, something else changed)' : 'the existing Received fields were changed, reordered or removed, or a field was inserted among them';
        return violation(expected, actual, reason);
      }
      if (at + message.length !== t.content.length) return violation(expected, actual, 'content was added after the message');
      if (!added.some((f) => f.name.toLowerCase() === 'received')) return violation(expected, actual, 'no Received field was added above the existing ones');
      return pass(expected, actual);
    },
  }),
];
