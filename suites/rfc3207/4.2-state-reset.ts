import { awaitRelayOrBounce, bounceSender, describeWait, dotStuffOctets, requireAccepted, sinkRecipient, taggedMessage } from '../../harness/relay.js';
import { submitEnvelope } from '../../harness/relay-envelope.js';
import { describeOutcome, replyClass } from '../../harness/session/outcome.js';
import { BlockedBy, required } from '../../harness/setup.js';
import { startTlsSession } from '../../harness/dialog.js';
import { inconclusive, nonStrict, pass, skip, unimplemented, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { sessionReceived } from '../rfc5321/received-field.js';

// RFC 3207 §4.2: after the TLS handshake the server forgets everything the client said before:
// an open transaction (a RCPT right after the handshake has no MAIL to join) and the EHLO name
// (the Received field of a message relayed after TLS names only the EHLO sent inside TLS).

const PRE = 'pre-tls.client.test';
const POST = 'post-tls.client.test';

export const stateResetChecks = [
  defineCheck({
    id: 'rfc3207/4.2/state-reset',
    title: `EHLO ${PRE}, MAIL, STARTTLS, then RCPT without EHLO; and on a second connection EHLO ${PRE}, STARTTLS, EHLO ${POST} and a message relayed to the sink`,
    requirement: 'After TLS the server MUST discard what it learnt before: RCPT finds no transaction (503), and the Received field names only the EHLO name given inside TLS',
    level: 'MUST',
    catalog: ['3207-4.2-state-reset'],
    requires: ['STARTTLS'],
    needs: ['tls', 'sink'],
    run: async (s, ctx) => {
      if (s.tlsActive) return skip('the run starts every connection in TLS (--starttls or smtps://); this check needs the cleartext part');
      required(s.greeting, 'greeting', [220]);
      required(await s.ehlo(PRE), `EHLO ${PRE}`);
      if (!s.has('STARTTLS')) return unimplemented('the target does not offer STARTTLS on this connection');
      const to = sinkRecipient(ctx, 'full');
      required(await s.send(`MAIL FROM:<${bounceSender(ctx, 'pre')}>`), 'MAIL before STARTTLS');
      const rcptExpected = ['503 (no transaction after TLS)', 'any 5xx', 'STARTTLS refused inside the transaction (503)'];
      const starttls = await s.startTls();
      let first: Verdict;
      if (starttls.kind === 'reply' && starttls.code === 503) {
        // RFC 3207 does not oblige a server to start TLS in the middle of a transaction (Sendmail:
        // "503 5.5.0 TLS not permitted during a mail transaction"): then no transaction can cross
        // into TLS, which is what the requirement protects.
        first = pass(rcptExpected, `STARTTLS: ${describeOutcome(starttls)}`, 'STARTTLS is refused inside a transaction, so none can survive the handshake');
      } else {
        required(starttls, 'STARTTLS', [220]);
        if (!s.tlsActive) throw new BlockedBy(`the server answered 220 to STARTTLS but the TLS handshake failed (${describeOutcome(starttls)})`, 'rfc3207/4/starttls-replies');
        const rcpt = await s.send(`RCPT TO:<${to}>`);
        first =
          rcpt.kind === 'reply' && rcpt.code === 503
            ? pass(rcptExpected, describeOutcome(rcpt))
            : rcpt.kind === 'reply' && replyClass(rcpt.code) === 'permfail'
              ? nonStrict(rcptExpected, describeOutcome(rcpt), `${rcpt.code} refuses the RCPT; 503 is the reply for a command out of sequence`)
              : violation(rcptExpected, describeOutcome(rcpt), 'RCPT after the handshake was taken into the transaction opened before TLS');
      }

      const s2 = await ctx.connect();
      try {
        required(s2.greeting, 'greeting', [220]);
        required(await s2.ehlo(PRE), `EHLO ${PRE}`);
        await startTlsSession(s2);
        required(await s2.ehlo(POST), `EHLO ${POST} (inside TLS)`);
        requireAccepted(await submitEnvelope(s2, { from: bounceSender(ctx), rcpts: [{ address: to }], content: dotStuffOctets(taggedMessage(ctx, { to, body: 'relayed after STARTTLS\r\n' })) }));
      } finally {
        s2.close();
      }
      const arrival = await awaitRelayOrBounce(ctx);
      const receivedExpected = [`a Received field naming ${POST}, not ${PRE}`];
      const r = arrival.delivered && sessionReceived(arrival.delivered);
      const second: Verdict = !arrival.delivered
        ? inconclusive(receivedExpected, arrival.bounce ? 'bounced' : describeWait(ctx, arrival), 'the message did not reach the sink')
        : !r
          ? inconclusive(receivedExpected, 'no Received field', 'no Received field to read (rfc5321/4.4/received-prepended grades that)')
          : r.raw.toLowerCase().includes(PRE)
            ? violation(receivedExpected, r.raw.trim(), `the Received field still names the EHLO sent before TLS (${PRE})`)
            : r.raw.toLowerCase().includes(POST)
              ? pass(receivedExpected, r.raw.trim())
              : inconclusive(receivedExpected, r.raw.trim(), 'the Received field names neither EHLO argument');
      return worstOf([
        { probe: 'RCPT after the handshake', verdict: first },
        { probe: 'Received after TLS', verdict: second },
      ]);
    },
  }),
];
