import { awaitRelayOrBounce, bounceSender, describeWait, dotStuffOctets, requireAccepted, sinkRecipient, submitForRelay, taggedMessage } from '../../harness/relay.js';
import { decodedBody, eightBitCount, splitMessage } from '../../harness/sink/mime.js';
import { inconclusive, nonStrict, pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 6152 §3: a server that accepted an 8BITMIME body must keep every octet when it relays it
// to a hop that offers 8BITMIME; to a hop that does not, it must convert the body to 7-bit MIME
// without loss or bounce it - never send it octets above 127.

const HIGH = Buffer.from(Array.from({ length: 128 }, (_, i) => 0x80 + i));

/** An 8-bit body: every octet 0x80-0xFF, a line starting with a dot, a line of 998 octets. */
function eightBitBody(): Buffer {
  const long = Buffer.alloc(998, 0xe9);
  return Buffer.concat([
    Buffer.from('Gr\xfc\xdfe aus K\xf6ln\r\n', 'latin1'),
    HIGH,
    Buffer.from('\r\n.\xe0 line starting with a dot\r\n', 'latin1'),
    long,
    Buffer.from('\r\nend\r\n', 'latin1'),
  ]);
}

const MIME_8BIT = 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n';

export const relay8bitChecks = [
  defineCheck({
    id: 'rfc6152/3/preserve-8bit',
    title: 'Sends an 8-bit body (every octet 0x80-0xFF, a dot line, a 998-octet line) with BODY=8BITMIME for relay to an 8BITMIME hop',
    requirement: 'The server MUST relay every octet unchanged, with BODY=8BITMIME on the outgoing MAIL',
    level: 'MUST',
    catalog: ['6152-3-preserve-8bit'],
    requires: ['8BITMIME'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const to = sinkRecipient(ctx, 'full');
      const body = eightBitBody();
      const message = taggedMessage(ctx, { to, headers: MIME_8BIT, body });
      requireAccepted(await submitForRelay(s, ctx, { from: bounceSender(ctx), rcpts: [to], mailParams: 'BODY=8BITMIME', content: dotStuffOctets(message) }));
      const arrival = await awaitRelayOrBounce(ctx);
      const expected = ['the same body octets at the sink, MAIL with BODY=8BITMIME'];
      const t = arrival.delivered;
      if (!t) {
        if (arrival.bounce) return violation(expected, `bounced (${describeWait(ctx, arrival)})`, 'the message was bounced although the next hop offers 8BITMIME');
        return inconclusive(expected, describeWait(ctx, arrival), 'the message may still be queued');
      }
      const bodyParam = t.mailParams.some((p) => p.toUpperCase() === 'BODY=8BITMIME');
      const got = splitMessage(t.content).body;
      const actual = `${describeWait(ctx, arrival)}; MAIL ${t.mailParams.join(' ') || '(no parameters)'}; body ${got.length} octets, ${eightBitCount(got)} above 127`;
      if (got.equals(body)) {
        return bodyParam ? pass(expected, actual) : violation(expected, actual, 'the body arrived unchanged but the outgoing MAIL lacked BODY=8BITMIME');
      }
      const { encoding, decoded } = decodedBody(t.content);
      if ((encoding === 'quoted-printable' || encoding === 'base64') && decoded.equals(body)) {
        return nonStrict(expected, actual, `the body was re-encoded as ${encoding} although the next hop offers 8BITMIME (no octet lost)`);
      }
      return violation(expected, actual, firstDifference(body, got));
    },
  }),

  defineCheck({
    id: 'rfc6152/3/relay-to-7bit-hop',
    title: 'Sends an 8-bit text/plain body with BODY=8BITMIME for relay to a hop that does not offer 8BITMIME',
    requirement: 'The server MUST NOT send the hop octets above 127: it converts the body to 7-bit MIME without loss (or bounces the message)',
    level: 'MUST',
    catalog: ['6152-3-relay-to-7bit-hop'],
    requires: ['8BITMIME'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const to = sinkRecipient(ctx, 'sevenBit');
      const body = eightBitBody();
      const message = taggedMessage(ctx, { to, headers: MIME_8BIT, body });
      requireAccepted(await submitForRelay(s, ctx, { from: bounceSender(ctx), rcpts: [to], mailParams: 'BODY=8BITMIME', content: dotStuffOctets(message) }));
      const arrival = await awaitRelayOrBounce(ctx);
      const expected = ['7-bit data at the sink (quoted-printable or base64) decoding to the original octets, no BODY=8BITMIME', 'a bounce to the sender'];
      if (arrival.bounce) return pass(expected, `bounced to the sender (${describeWait(ctx, arrival)})`);
      const t = arrival.delivered;
      if (!t) return inconclusive(expected, describeWait(ctx, arrival), 'neither the converted message nor a bounce arrived (still queued, or lost without notice)');
      const high = eightBitCount(t.raw);
      const { encoding, decoded } = decodedBody(t.content);
      const actual = `${describeWait(ctx, arrival)}; MAIL ${t.mailParams.join(' ') || '(no parameters)'}; ${high} octets above 127 on the wire; Content-Transfer-Encoding ${encoding}`;
      if (high > 0) return violation(expected, actual, `${high} octets above 127 reached a hop that does not offer 8BITMIME`);
      if (t.mailParams.some((p) => /^BODY=8BITMIME$/i.test(p))) return violation(expected, actual, 'BODY=8BITMIME was sent to a hop that does not offer 8BITMIME');
      if (!decoded.equals(body)) return violation(expected, actual, `the conversion lost information: ${firstDifference(body, decoded)}`);
      return pass(expected, actual);
    },
  }),
];

function firstDifference(want: Buffer, got: Buffer): string {
  let i = 0;
  while (i < want.length && i < got.length && want[i] === got[i]) i++;
  if (i === want.length && i === got.length) return 'identical';
  return `the body differs from octet ${i} on (sent ${want.length} octets, got ${got.length})`;
}
