import { handshake } from '../../harness/dialog.js';
import { awaitRelayOrBounce, bounceSender, describeRefusal, describeWait, dotStuffOctets, requireAccepted, sinkRecipient, submitForRelay, taggedMessage } from '../../harness/relay.js';
import { required } from '../../harness/setup.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import { splitMessage } from '../../harness/sink/mime.js';
import { inconclusive, pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.5.3.1.6: text lines of 1000 octets with the CRLF (the stuffing dot not counted) must
// be accepted and relayed as they are. Longer lines exceed the guaranteed limit (§4.5.3.1.9): a
// server may refuse them, fold them or pass them on, but it must stay in step with the client.

/** How long to wait for replies beyond the one to the end of data. */
const EXTRA_WAIT_MS = 300;

export const textLineChecks = [
  defineCheck({
    id: 'rfc5321/4.5.3.1.6/text-line-1000',
    title: 'Relays to the sink a body with a 998-octet line of "x" and a 998-octet line that starts with a dot (999 octets on the wire, stuffed)',
    requirement: 'Lines of 1000 octets with the CRLF MUST be accepted and arrive unchanged (not folded, split or cut)',
    level: 'MUST',
    catalog: ['5321-4.5.3.1.6-text-line-1000'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const to = sinkRecipient(ctx, 'full');
      const body = Buffer.from(`short line\r\n${'x'.repeat(998)}\r\n.${'y'.repeat(997)}\r\nlast line\r\n`, 'latin1');
      const message = taggedMessage(ctx, { to, body });
      const sub = await submitForRelay(s, ctx, { from: bounceSender(ctx), rcpts: [to], content: dotStuffOctets(message) });
      const expected = ['both 998-octet lines at the sink as sent'];
      if (!sub.accepted && sub.step === 'end of data') return violation(expected, describeRefusal(sub), 'a message with 1000-octet lines was refused');
      requireAccepted(sub);
      const arrival = await awaitRelayOrBounce(ctx);
      const t = arrival.delivered;
      if (!t) return inconclusive(expected, arrival.bounce ? 'bounced' : describeWait(ctx, arrival), 'the message did not reach the sink');
      const got = splitMessage(t.content).body;
      const lengths = got.toString('latin1').split('\r\n').map((l) => l.length);
      const actual = `${describeWait(ctx, arrival)}; body line lengths at the sink: ${lengths.join(', ')}`;
      return got.equals(body) ? pass(expected, actual) : violation(expected, actual, 'the long lines were folded, split or cut on the way');
    },
  }),

  defineCheck({
    id: 'rfc5321/4.5.3.1.6/overlong-line',
    title: 'Sends, for relay to the sink, a body with a 5000-octet line, then the end of data and NOOP',
    requirement: 'The server MAY refuse a line over 1000 octets, but MUST answer the end of data once and stay in step (NOOP gets 250); what it does with the line is recorded',
    level: 'MAY',
    severity: 'fail',
    severityNote: 'Refusing, folding or passing on the long line is the server\'s choice (recorded); losing step with the client breaks RFC 5321 §4.2 (one reply per command), a MUST',
    catalog: ['5321-4.5.3.1.6-overlong-line'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const to = sinkRecipient(ctx, 'full');
      const long = 'z'.repeat(5000);
      const message = taggedMessage(ctx, { to, body: `before\r\n${long}\r\nafter\r\n` });
      await handshake(s, ctx);
      required(await s.send(`MAIL FROM:<${bounceSender(ctx)}>`), 'MAIL');
      required(await s.send(`RCPT TO:<${to}>`), 'RCPT', [250, 251]);
      required(await s.send('DATA'), 'DATA', [354]);
      await s.sendRaw(dotStuffOctets(message));
      await s.sendRaw('.\r\n');
      const final = await s.read();
      const extra = await s.readExtra(EXTRA_WAIT_MS);
      const noop = await s.send('NOOP');
      const expected = ['one reply to the end of data, then 250 to NOOP; the line refused, folded or passed on (recorded)'];
      const replies = `end of data: ${[final, ...extra].map(describeOutcome).join(' / ')}; NOOP: ${describeOutcome(noop)}`;
      if (extra.length > 0 || noop.kind !== 'reply' || noop.code !== 250) return violation(expected, replies, 'the server lost step with the client: more than one reply to the end of data, or no 250 to NOOP');
      if (final.kind !== 'reply' || final.code >= 300) return pass(expected, `${replies}; the message was refused (allowed)`);
      const arrival = await awaitRelayOrBounce(ctx);
      const t = arrival.delivered;
      if (!t) return pass(expected, `${replies}; ${arrival.bounce ? 'bounced' : describeWait(ctx, arrival)}`);
      const lines = splitMessage(t.content).body.toString('latin1').split('\r\n');
      const fate = lines.includes(long) ? 'the line arrived intact' : lines.some((l) => l.startsWith('zzz') && l.length < 5000) ? `the line arrived split into lines of ${lines.filter((l) => l.startsWith('z') || /^\s+z/.test(l)).map((l) => l.length).join(', ')} octets` : 'the line did not arrive as sent';
      return pass(expected, `${replies}; ${describeWait(ctx, arrival)}; ${fate}`);
    },
  }),
];
