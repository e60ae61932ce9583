import { awaitRelayOrBounce, bounceSender, describeRefusal, describeWait, dotStuffOctets, requireAccepted, sinkRecipient, submitForRelay, taggedMessage } from '../../harness/relay.js';
import { splitMessage } from '../../harness/sink/mime.js';
import { inconclusive, pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.5.2 (and §4.1.1.4): mail data may contain any of the 128 ASCII characters, and all
// of them are delivered; a local transformation must be reversible. NUL and lone CR or LF are left
// out: those belong to the smuggling checks.

/** Every ASCII octet but NUL, CR and LF, the controls on lines of their own, then trailing spaces. */
function allAsciiBody(): Buffer {
  const controls = [...Array(32).keys()].filter((b) => b !== 0 && b !== 0x0a && b !== 0x0d);
  const lines = [
    ...controls.map((b) => `control 0x${b.toString(16).padStart(2, '0')}: [${String.fromCharCode(b)}] twice ${String.fromCharCode(b, b)}`),
    `printable: ${String.fromCharCode(...[...Array(95).keys()].map((i) => i + 0x20))}`,
    `delete: [\x7f]`,
    `trailing spaces and tabs${' '.repeat(40)}\t \t`,
    '\tline with a leading tab, then form feed \x0c and vertical tab \x0b',
  ];
  return Buffer.from(lines.join('\r\n') + '\r\n', 'latin1');
}

function firstDifference(a: Buffer, b: Buffer): string {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return `at body octet ${i}: sent 0x${a[i]!.toString(16)}, got 0x${b[i]!.toString(16)}`;
  return a.length === b.length ? 'none' : `lengths differ: sent ${a.length}, got ${b.length} octets`;
}

export const allAsciiChecks = [
  defineCheck({
    id: 'rfc5321/4.5.2/all-ascii-delivered',
    title: 'Relays to the sink a body with every ASCII control character but NUL/CR/LF (HT, VT, FF, BS, ESC ...), DEL, all printables and trailing white space',
    requirement: 'All 128 ASCII characters MUST be delivered: the body arrives octet for octet',
    level: 'MUST',
    catalog: ['5321-4.5.2-all-ascii-delivered'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const to = sinkRecipient(ctx, 'full');
      const body = allAsciiBody();
      const message = taggedMessage(ctx, { to, body });
      const sub = await submitForRelay(s, ctx, { from: bounceSender(ctx), rcpts: [to], content: dotStuffOctets(message) });
      const expected = ['the body at the sink octet for octet as sent'];
      if (!sub.accepted && sub.step === 'end of data') return violation(expected, describeRefusal(sub), 'a message made of ASCII characters was refused');
      requireAccepted(sub);
      const arrival = await awaitRelayOrBounce(ctx);
      const t = arrival.delivered;
      if (!t) return inconclusive(expected, arrival.bounce ? 'bounced' : describeWait(ctx, arrival), 'the message did not reach the sink');
      const got = splitMessage(t.content).body;
      const actual = `${describeWait(ctx, arrival)}; first difference: ${firstDifference(body, got)}`;
      return got.equals(body) ? pass(expected, actual) : violation(expected, actual, 'ASCII characters were removed or changed on the way');
    },
  }),
];
