import { arrivalsFor, awaitRelayOrBounce, bounceSender, describeRefusal, describeWait, requireAccepted, sinkRecipient, submitForRelay, taggedMessage, tagOf } from '../../harness/relay.js';
import { inconclusive, pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §2.3.8, §4.1.1.4, §4.5.2 and SEC Consult's outbound SMTP smuggling: a relay must not
// pass a lone CR or LF on to the next hop, where a lenient receiver could read "<LF>.<LF>" and
// the like as the end of the data and the rest as a second, spoofed message.

/** The end-of-data look-alikes of the SEC Consult scanner's outbound list and hannob/smtpsmug. */
const VARIANTS: ReadonlyArray<readonly [string, string]> = [
  ['lf-dot-lf', '\n.\n'],
  ['lf-dot-cr', '\n.\r'],
  ['cr-dot-lf', '\r.\n'],
  ['cr-dot-cr', '\r.\r'],
  ['lf-dot-crlf', '\n.\r\n'],
  ['cr-dot-crlf', '\r.\r\n'],
  ['crlf-dot-cr', '\r\n.\r'],
  ['crlf-dot-lf', '\r\n.\n'],
  ['crlf-nul-dot-crlf', '\r\n\x00.\r\n'],
  ['crlf-dot-cr-crlf', '\r\n.\r\r\n'],
  ['cr-crlf-dot-cr-crlf', '\r\r\n.\r\r\n'],
];

/** Positions of CR not followed by LF and LF not preceded by CR. */
function bareLineBreaks(raw: Buffer): number[] {
  const found: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === 0x0d && raw[i + 1] !== 0x0a) found.push(i);
    if (raw[i] === 0x0a && raw[i - 1] !== 0x0d) found.push(i);
  }
  return found;
}

export const outboundSmugglingChecks = [
  defineCheck({
    id: 'smuggling/2.3.8/outbound-bare-sequences',
    title: 'Sends, for relay to the sink, a body with every bare-CR/LF end-of-data look-alike, each followed by the text of a smuggled transaction',
    requirement: 'The server MUST NOT forward a bare CR or LF (nor an unstuffed dot line) to the next hop: it rejects the message or normalises and stuffs it',
    level: 'MUST NOT',
    catalog: ['SMUG-outbound-no-forwarding-of-bare-sequences'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const to = sinkRecipient(ctx, 'full');
      const spoof = `spoof-${tagOf(ctx)}@client.test`;
      const smuggled = `MAIL FROM:<${spoof}>\r\nRCPT TO:<victim-${tagOf(ctx)}@${ctx.sink?.domains.full ?? 'sink.test'}>\r\nDATA\r\nSubject: smuggled\r\n\r\nspoof\r\n`;
      const body = VARIANTS.map(([name, seq]) => `variant ${name}${seq}${smuggled}`).join('') + 'end\r\n';
      const message = taggedMessage(ctx, { to, body: Buffer.from(body, 'latin1') });
      const expected = ['the message rejected', 'one message at the sink with no bare CR or LF and no second transaction'];
      const sub = await submitForRelay(s, ctx, { from: bounceSender(ctx), rcpts: [to], content: message });
      if (!sub.accepted && sub.step === 'end of data') {
        if (sub.outcome.kind === 'reply' && sub.outcome.code >= 500) return pass(expected, `rejected: ${describeRefusal(sub)}`);
        return inconclusive(expected, describeRefusal(sub), 'the message was neither accepted nor refused for good');
      }
      requireAccepted(sub);
      const arrival = await awaitRelayOrBounce(ctx);
      if (arrival.bounce) return pass(expected, `bounced to the sender (${describeWait(ctx, arrival)})`);
      const t = arrival.delivered;
      if (!t) return inconclusive(expected, describeWait(ctx, arrival), 'the message did not reach the sink');
      const arrivals = arrivalsFor(ctx);
      const bare = bareLineBreaks(t.raw);
      const actual = `${describeWait(ctx, arrival)}; ${arrivals.length} transaction(s) at the sink; ${bare.length} bare CR/LF octets on the wire`;
      if (arrivals.some((a) => a.mailFrom === spoof)) return violation(expected, actual, 'the smuggled transaction reached the sink as a message of its own');
      if (bare.length > 0) return violation(expected, actual, `bare CR or LF forwarded to the next hop (first at octet ${bare[0]} of the data)`);
      if (!t.content.toString('latin1').includes('end\r\n')) return violation(expected, actual, 'the data ended early at the sink (an unstuffed dot line)');
      return pass(expected, actual);
    },
  }),
];
