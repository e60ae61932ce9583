import type { CheckContext } from '../../harness/check.js';
import { awaitRelayOrBounce, bounceSender, describeRefusal, describeWait, dotStuffOctets, requireAccepted, sinkRecipient, submitForRelay, taggedMessage } from '../../harness/relay.js';
import { eightBitCount, headerFields, splitMessage } from '../../harness/sink/mime.js';
import { inconclusive, pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { exactly, gradeReceivedWith } from '../rfc5321/received-with.js';

// RFC 6531 §3.7.3 (and §4.3): a message received with SMTPUTF8 is stamped "with UTF8SMTP" (S for
// TLS, A for authentication); trace fields sent to a next hop without SMTPUTF8 are plain ASCII,
// as RFC 5321 has them. Exim writes "utf8esmtps": compared case-insensitively, the extra E is a
// SHOULD-level deviation.

function mailParams(ctx: CheckContext): string {
  return ctx.probeKeywords.has('8BITMIME') ? 'SMTPUTF8 BODY=8BITMIME' : 'SMTPUTF8';
}

export const traceFieldUtf8Checks = [
  defineCheck({
    id: 'rfc6531/3.7.3/received-utf8-with',
    title: 'Relays to the sink, with SMTPUTF8, a message with a UTF-8 Subject, and reads the WITH clause of the Received field',
    requirement: 'The WITH value SHOULD be UTF8SMTP, UTF8SMTPS over TLS (any case)',
    level: 'SHOULD',
    catalog: ['6531-3.7.3-trace-fields'],
    requires: ['SMTPUTF8'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const to = sinkRecipient(ctx, 'full');
      const message = taggedMessage(ctx, { to, headers: 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nX-Smtpspec-Note: Grüße\r\n', body: 'Grüße\r\n' });
      requireAccepted(await submitForRelay(s, ctx, { from: bounceSender(ctx), rcpts: [to], mailParams: mailParams(ctx), content: dotStuffOctets(message) }));
      const arrival = await awaitRelayOrBounce(ctx);
      const want = s.tlsActive ? 'UTF8SMTPS' : 'UTF8SMTP';
      return gradeReceivedWith(ctx, arrival, exactly(want, (name) => `"${name}" is not the RFC 6531 name for this SMTPUTF8 session (${want})`));
    },
  }),

  defineCheck({
    id: 'rfc6531/3.7.3/ascii-trace-to-ascii-hop',
    title: 'Relays, with SMTPUTF8, an all-ASCII message to noutf8.sink.test (a hop without SMTPUTF8) and reads the trace fields that arrive',
    requirement: 'Trace fields sent to a hop without SMTPUTF8 MUST be plain ASCII (RFC 5321 syntax)',
    level: 'MUST',
    catalog: ['6531-3.7.3-trace-fields'],
    requires: ['SMTPUTF8'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const to = sinkRecipient(ctx, 'noUtf8');
      const message = taggedMessage(ctx, { to, body: 'an ASCII message sent with SMTPUTF8\r\n' });
      const sub = await submitForRelay(s, ctx, { from: bounceSender(ctx), rcpts: [to], mailParams: mailParams(ctx), content: dotStuffOctets(message) });
      const expected = ['only ASCII in the trace fields at the hop without SMTPUTF8', 'the message refused or bounced'];
      if (!sub.accepted && sub.step === 'end of data') return pass(expected, `refused: ${describeRefusal(sub)}`);
      requireAccepted(sub);
      const arrival = await awaitRelayOrBounce(ctx);
      const t = arrival.delivered;
      if (!t) return arrival.bounce ? pass(expected, `bounced: ${describeWait(ctx, arrival)}`) : inconclusive(expected, describeWait(ctx, arrival), 'the message did not reach the sink');
      const trace = headerFields(splitMessage(t.content).header).filter((f) => /^(received|return-path)$/i.test(f.name));
      const eight = trace.filter((f) => eightBitCount(Buffer.from(f.raw, 'latin1')) > 0);
      const actual = `${describeWait(ctx, arrival)}; ${trace.length} trace field(s), ${eight.length} with octets above 127`;
      if (eight.length > 0) return violation(expected, `${actual}: ${JSON.stringify(eight[0]!.raw.slice(0, 120))}`, 'a trace field with non-ASCII octets went to a hop without SMTPUTF8');
      return pass(expected, actual);
    },
  }),
];
