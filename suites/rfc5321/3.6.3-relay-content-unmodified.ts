import { awaitRelayOrBounce, bounceSender, describeWait, dotStuffOctets, requireAccepted, sinkRecipient, submitForRelay, taggedMessage } from '../../harness/relay.js';
import { headerFields, splitMessage } from '../../harness/sink/mime.js';
import { inconclusive, nonStrict, pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §3.6.3 (and §2.3.10, §7.9): a relay does not change the header or body it forwards; it
// only prepends its own trace field. Added non-trace fields (DKIM-Signature, ARC-*,
// Authentication-Results, X-Spam-*) are common and graded NON-STRICT (catalog ambiguity 19).

/** Duplicate fields, odd folding and spacing, an ordered X-Test-Order sequence. */
const ODD_HEADER =
  'X-Test-Order: 1\r\n' +
  'Comments: first\r\n' +
  'X-Test-Order: 2\r\n' +
  'Comments: second, folded\r\n   over\tthree\r\n\t lines\r\n' +
  'X-Test-Order: 3\r\n' +
  'Keywords:   spaced ,  words  \r\n' +
  'X-Test-Order: 4\r\n' +
  'MIME-Version: 1.0\r\n' +
  'Content-Type: text/plain; charset=us-ascii\r\n';

/** Trailing spaces and tabs, empty lines, a long base64-looking block. */
function oddBody(): string {
  const b64 = Buffer.from(Array.from({ length: 1140 }, (_, i) => (i * 37) % 256)).toString('base64');
  const lines = b64.match(/.{1,76}/g) ?? [];
  return `trailing spaces   \r\ntrailing tab\t\r\n\r\n\r\n\tleading tab\r\n${lines.join('\r\n')}\r\n\r\nlast line \r\n`;
}

/** RFC 5322 §3.6.7 trace fields, and what a final delivery adds (Return-Path, Delivered-To). */
const TRACE = new Set(['received', 'return-path', 'delivered-to', 'x-original-to']);

export const relayContentChecks = [
  defineCheck({
    id: 'rfc5321/3.6.3/relay-content-unmodified',
    title: 'Relays to the sink a message with duplicate, oddly folded and ordered header fields and a body with trailing whitespace, empty lines and base64',
    requirement: 'The server MUST NOT change the header fields or body it relays; it only prepends its trace field',
    level: 'MUST NOT',
    catalog: ['5321-3.6.3-relay-content-unmodified'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const to = sinkRecipient(ctx, 'full');
      const message = taggedMessage(ctx, { to, headers: ODD_HEADER, body: oddBody() });
      requireAccepted(await submitForRelay(s, ctx, { from: bounceSender(ctx), rcpts: [to], content: dotStuffOctets(message) }));
      const arrival = await awaitRelayOrBounce(ctx);
      const expected = ['trace fields on top, then the message exactly as sent'];
      const t = arrival.delivered;
      if (!t) return inconclusive(expected, arrival.bounce ? 'bounced' : describeWait(ctx, arrival), 'the message did not reach the sink');
      const at = t.content.lastIndexOf(message);
      if (at === -1 || at + message.length !== t.content.length) {
        const sent = splitMessage(message);
        const got = splitMessage(t.content);
        const sentFields = headerFields(sent.header).map((f) => f.raw);
        const gotFields = headerFields(got.header).map((f) => f.raw);
        const tail = gotFields.slice(-sentFields.length);
        const changed = sentFields.filter((f, i) => tail[i] !== f).map((f) => f.slice(0, f.indexOf(':')));
        const what = [
          ...(got.body.equals(sent.body) ? [] : ['the body was altered']),
          ...(changed.length > 0 ? [`header fields changed, removed or reordered (${[...new Set(changed)].join(', ')})`] : []),
        ];
        const actual = `${describeWait(ctx, arrival)}; ${what.join('; ') || 'the message is not intact at the end of what arrived'}`;
        return violation(expected, actual, what.join('; ') || 'the message is not intact at the end of what arrived');
      }
      const added = headerFields(t.content.subarray(0, at));
      const actual = `${describeWait(ctx, arrival)}; message intact; added above it: ${added.map((f) => f.name).join(', ') || 'nothing'}`;
      const other = added.filter((f) => !TRACE.has(f.name.toLowerCase()));
      if (other.length > 0) return nonStrict(expected, actual, `non-trace fields were added on top (${other.map((f) => f.name).join(', ')})`);
      return pass(expected, actual);
    },
  }),
];
