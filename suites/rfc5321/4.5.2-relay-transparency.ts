import { awaitRelayOrBounce, bounceSender, describeWait, requireAccepted, sinkRecipient, submitForRelay, taggedMessage } from '../../harness/relay.js';
import { splitMessage } from '../../harness/sink/mime.js';
import { inconclusive, pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.5.2: the receiver removes one leading dot from every line; a relay, being a
// client on its next hop, must stuff every line that starts with a dot again. The client half
// (the target reading such lines) is rfc5321/4.5.2/dot-lines-do-not-end-data; this is the relay half.

/** Lines as sent on the wire, and the content they stand for. `. space` is what a client that forgot to stuff sends. */
const WIRE = '..leading dot\r\n...two dots\r\n..\r\n. space\r\nlast line\r\n';
const CONTENT = '.leading dot\r\n..two dots\r\n.\r\n space\r\nlast line\r\n';

export const relayTransparencyChecks = [
  defineCheck({
    id: 'rfc5321/4.5.2/relay-dot-transparency',
    title: 'Sends, for relay to the sink, body lines "..leading dot", "...two dots", "..", ". space"',
    requirement: 'The server MUST remove one leading dot per line and stuff the dot lines again towards the next hop, which then stores ".leading dot", "..two dots", ".", " space"',
    level: 'MUST',
    catalog: ['5321-4.5.2-dot-transparency'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const to = sinkRecipient(ctx, 'full');
      // The header has no leading dots, so the body is sent exactly as WIRE.
      const message = taggedMessage(ctx, { to, body: WIRE });
      requireAccepted(await submitForRelay(s, ctx, { from: bounceSender(ctx), rcpts: [to], content: message }));
      const arrival = await awaitRelayOrBounce(ctx);
      const expected = [`the body ${JSON.stringify(CONTENT)} at the sink`];
      const t = arrival.delivered;
      if (!t) return inconclusive(expected, arrival.bounce ? 'bounced' : describeWait(ctx, arrival), 'the message did not reach the sink');
      const body = splitMessage(t.content).body.toString('latin1');
      const actual = `${describeWait(ctx, arrival)}; body ${JSON.stringify(body)}`;
      if (body === CONTENT) return pass(expected, actual);
      if (CONTENT.startsWith(body)) return violation(expected, actual, 'the body was cut short: a dot line reached the next hop unstuffed and ended the data');
      return violation(expected, actual, 'the dot lines did not arrive as one stuffing dot fewer than sent');
    },
  }),
];
