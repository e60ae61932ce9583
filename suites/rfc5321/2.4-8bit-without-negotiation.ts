import { awaitRelayOrBounce, bounceSender, describeRefusal, describeWait, dotStuffOctets, requireAccepted, sinkRecipient, submitForRelay, taggedMessage } from '../../harness/relay.js';
import { splitMessage } from '../../harness/sink/mime.js';
import { inconclusive, pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §2.4: 8-bit octets sent without BODY=8BITMIME (or BINARYMIME) may be refused, or have
// their high bit cleared; otherwise a relay passes the content on unexamined. Recorded only; a
// corruption other than clearing the high bit is flagged (as INFO).

const EIGHT_BIT = Buffer.from(Array.from({ length: 128 }, (_, i) => 0x80 + i));

export const eightBitWithoutNegotiationChecks = [
  defineCheck({
    id: 'rfc5321/2.4/8bit-without-negotiation',
    title: 'Relays to the sink, with MAIL FROM without a BODY parameter, a body containing the octets 0x80-0xFF',
    requirement: 'The server MAY refuse the message or clear the high bit; otherwise the octets pass unchanged (recorded)',
    level: 'MAY',
    catalog: ['5321-2.4-8bit-without-negotiation'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const to = sinkRecipient(ctx, 'full');
      const body = Buffer.concat([Buffer.from('eight-bit octets: ', 'latin1'), EIGHT_BIT, Buffer.from('\r\n', 'latin1')]);
      const message = taggedMessage(ctx, { to, body });
      const sub = await submitForRelay(s, ctx, { from: bounceSender(ctx), rcpts: [to], content: dotStuffOctets(message) });
      const expected = ['refused', 'relayed with the octets unchanged', 'relayed with the high bit cleared'];
      if (!sub.accepted && sub.step === 'end of data' && sub.outcome.kind === 'reply' && sub.outcome.code >= 500) return pass(expected, `refused: ${describeRefusal(sub)}`);
      requireAccepted(sub);
      const arrival = await awaitRelayOrBounce(ctx);
      const t = arrival.delivered;
      if (!t) return arrival.bounce ? pass(expected, `bounced: ${describeWait(ctx, arrival)}`) : inconclusive(expected, describeWait(ctx, arrival), 'the message did not reach the sink');
      const got = splitMessage(t.content).body;
      if (got.equals(body)) return pass(expected, `${describeWait(ctx, arrival)}; the octets arrived unchanged (downstream MAIL: ${t.mailParams.join(' ') || 'no parameters'})`);
      const cleared = Buffer.from(body.map((b) => b & 0x7f));
      if (got.equals(cleared)) return pass(expected, `${describeWait(ctx, arrival)}; the high bit was cleared`);
      return violation(expected, `${describeWait(ctx, arrival)}; the body arrived as ${got.length} octets, neither as sent nor with the high bit cleared`, 'the 8-bit content was changed in another way (re-encoded or corrupted)');
    },
  }),
];
