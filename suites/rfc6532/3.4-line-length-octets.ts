import { awaitRelayOrBounce, bounceSender, describeRefusal, describeWait, dotStuffOctets, requireAccepted, sinkRecipient, submitForRelay, taggedMessage } from '../../harness/relay.js';
import { splitMessage } from '../../harness/sink/mime.js';
import { inconclusive, pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 6532 §3.4: the 998 limit on lines counts octets, not characters. A line of 499 two-octet
// characters is 998 octets: within the limit, so it arrives as it is. Recorded (catalog: info).

export const lineLengthOctetChecks = [
  defineCheck({
    id: 'rfc6532/3.4/line-length-octets',
    title: 'Relays to the sink, with SMTPUTF8, a body line of 499 "é" (998 octets)',
    requirement: 'The line is within the 998-octet limit and arrives unchanged (recorded)',
    level: 'INFO',
    severityNote: 'The catalog marks it "implied" with grade info',
    catalog: ['6532-3.4-line-length-octets'],
    requires: ['SMTPUTF8'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const to = sinkRecipient(ctx, 'full');
      const line = 'é'.repeat(499);
      const body = Buffer.from(`${line}\r\n`, 'utf8');
      const message = taggedMessage(ctx, { to, headers: 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n', body });
      const params = ctx.probeKeywords.has('8BITMIME') ? 'SMTPUTF8 BODY=8BITMIME' : 'SMTPUTF8';
      const sub = await submitForRelay(s, ctx, { from: bounceSender(ctx), rcpts: [to], mailParams: params, content: dotStuffOctets(message) });
      const expected = ['the 998-octet line at the sink unchanged'];
      if (!sub.accepted && sub.step === 'end of data') return violation(expected, describeRefusal(sub), 'a 998-octet line was refused');
      requireAccepted(sub);
      const arrival = await awaitRelayOrBounce(ctx);
      const t = arrival.delivered;
      if (!t) return inconclusive(expected, arrival.bounce ? 'bounced' : describeWait(ctx, arrival), 'the message did not reach the sink');
      const got = splitMessage(t.content).body;
      const actual = `${describeWait(ctx, arrival)}; body lines of ${got.toString('latin1').split('\r\n').map((l) => l.length).join(', ')} octets`;
      return got.equals(body) ? pass(expected, actual) : violation(expected, actual, 'the line was folded, split or re-encoded on the way');
    },
  }),
];
