import { awaitRelayOrBounce, describeWait, dotStuffOctets, requireAccepted, sinkRecipient, submitForRelay, taggedMessage } from '../../harness/relay.js';
import { inconclusive, pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.5.5: a message with the null reverse-path (a notification) keeps it when
// forwarded; replacing it would let the next hop bounce a bounce.

export const nullSenderRelayChecks = [
  defineCheck({
    id: 'rfc5321/4.5.5/null-sender-preserved',
    title: 'Sends MAIL FROM:<> and a message for relay to the sink',
    requirement: 'The server SHOULD NOT replace the null reverse-path when it relays the message',
    level: 'SHOULD NOT',
    catalog: ['5321-4.5.5-null-sender-preserved'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const to = sinkRecipient(ctx, 'full');
      const message = taggedMessage(ctx, { to, from: `MAILER-DAEMON@${ctx.heloName}`, body: 'a notification\r\n' });
      requireAccepted(await submitForRelay(s, ctx, { from: '', rcpts: [to], content: dotStuffOctets(message) }));
      const arrival = await awaitRelayOrBounce(ctx);
      const expected = ['MAIL FROM:<> at the sink'];
      const t = arrival.delivered;
      if (!t) return inconclusive(expected, describeWait(ctx, arrival), 'the message did not reach the sink');
      const actual = `${describeWait(ctx, arrival)}; MAIL FROM:<${t.mailFrom}>`;
      return t.mailFrom === '' ? pass(expected, actual) : violation(expected, actual, 'the null reverse-path was replaced');
    },
  }),
];
