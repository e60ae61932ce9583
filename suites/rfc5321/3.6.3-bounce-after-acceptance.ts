import { awaitRelayOrBounce, bounceSender, describeRefusal, describeWait, dotStuffOctets, requireAccepted, sinkOf, sinkRecipient, submitForRelay, taggedMessage } from '../../harness/relay.js';
import { fieldValue, headerFields, splitMessage } from '../../harness/sink/mime.js';
import { nonStrict, pass, skip, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §3.6.3 (and §4.2.5, §6.1): a relay that accepted a message and then cannot deliver it
// owes the sender a notification, sent with the null reverse-path so that it never bounces in
// turn. refuse.sink.test's next hop answers every RCPT with 550 5.1.1.

export const bounceAfterAcceptanceChecks = [
  defineCheck({
    id: 'rfc5321/3.6.3/bounce-after-acceptance',
    title: 'Sends, from a mailbox at the bounce catcher, a message for refuse.sink.test, whose next hop refuses every recipient with 550',
    requirement: 'Having accepted the message, the server MUST notify the reverse-path of the failure, with MAIL FROM:<> (RFC 3464 multipart/report preferred)',
    level: 'MUST',
    catalog: ['5321-3.6.3-bounce-after-acceptance'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const to = sinkRecipient(ctx, 'refuse');
      const message = taggedMessage(ctx, { to, body: 'the next hop refuses this recipient\r\n' });
      const sub = await submitForRelay(s, ctx, { from: bounceSender(ctx), rcpts: [to], content: dotStuffOctets(message) });
      // A target that verifies recipients with the next hop refuses at RCPT: nothing was accepted.
      if (!sub.accepted && sub.step.startsWith('RCPT') && sub.outcome.kind === 'reply' && sub.outcome.code >= 500) {
        return skip(`the target refused the recipient before accepting the message (${describeRefusal(sub)}): the requirement is about failures after acceptance`);
      }
      requireAccepted(sub);
      const arrival = await awaitRelayOrBounce(ctx);
      const expected = [`a notification to <${bounceSender(ctx)}> at the bounce catcher with MAIL FROM:<>, as multipart/report`];
      const b = arrival.bounce;
      if (!b) {
        const got = arrival.delivered ? `a copy at ${arrival.delivered.profile}, no notification` : `no notification within ${sinkOf(ctx).waitMs} ms`;
        return violation(expected, got, 'the message was accepted, the next hop refused it, and no notification reached the sender (a slow queue needs a longer --sink-wait)');
      }
      const type = fieldValue(headerFields(splitMessage(b.content).header), 'Content-Type') ?? '(none)';
      const actual = `${describeWait(ctx, arrival)}; notification from <${b.mailFrom}>, Content-Type ${type}`;
      if (b.mailFrom !== '') return violation(expected, actual, `the notification was sent with the reverse-path <${b.mailFrom}>, not the null reverse-path`);
      if (!/^multipart\/report\b/i.test(type)) return nonStrict(expected, actual, 'the notification is not an RFC 3464 multipart/report');
      return pass(expected, actual);
    },
  }),
];
