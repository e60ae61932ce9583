import { awaitRelayOrBounce, bounceSender, describeWait, dotStuffOctets, endsWith, requireAccepted, sinkRecipient, submitForRelay, taggedMessage } from '../../harness/relay.js';
import { inconclusive, pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.1.1.4: the CRLF before the terminating "." belongs to the last line of the data; a
// relay adds no empty line at the end (nor drops the last line's CRLF).

export const noExtraCrlfChecks = [
  defineCheck({
    id: 'rfc5321/4.1.1.4/no-extra-crlf',
    title: 'Relays to the sink a message whose body ends "final-line" CRLF, with no empty line before the end of data',
    requirement: 'The server MUST NOT add a CRLF to the content: the copy ends exactly with "final-line" CRLF',
    level: 'MUST NOT',
    catalog: ['5321-4.1.1.4-no-extra-crlf'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const to = sinkRecipient(ctx, 'full');
      const message = taggedMessage(ctx, { to, body: 'first line\r\nfinal-line\r\n' });
      requireAccepted(await submitForRelay(s, ctx, { from: bounceSender(ctx), rcpts: [to], content: dotStuffOctets(message) }));
      const arrival = await awaitRelayOrBounce(ctx);
      const expected = ['the copy ends with "final-line\\r\\n" and nothing after it'];
      const t = arrival.delivered;
      if (!t) return inconclusive(expected, arrival.bounce ? 'bounced' : describeWait(ctx, arrival), 'the message did not reach the sink');
      const tail = JSON.stringify(t.content.subarray(-24).toString('latin1'));
      const actual = `${describeWait(ctx, arrival)}; the copy ends ${tail}`;
      if (endsWith(t.content, message)) return pass(expected, actual);
      if (endsWith(t.content, Buffer.concat([message, Buffer.from('\r\n')]))) return violation(expected, actual, 'an empty line (an extra CRLF) was added at the end of the content');
      if (endsWith(t.content, message.subarray(0, -2))) return violation(expected, actual, 'the CRLF of the last line was dropped');
      return violation(expected, actual, 'the end of the message was altered');
    },
  }),
];
