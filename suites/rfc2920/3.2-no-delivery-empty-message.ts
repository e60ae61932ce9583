import { handshake, nonexistentMailbox } from '../../harness/dialog.js';
import { bounceSender, sinkRecipient } from '../../harness/relay.js';
import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import { pass, skip, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { describeArrivals, passBarrier, probeArrivals } from '../rfc5321/relay-barrier.js';

// RFC 2920 §3.2 (4): a pipelining client sends DATA before it knows whether any RCPT succeeded. A
// server that answers DATA with 354 although none did, and then gets the empty message the
// client sends to end it, must not send any message to anybody. The refused recipients are a
// nonexistent local mailbox and a sink address with an unknown parameter (555), so that a
// delivery or a notification (to the bounce catcher) would show at the sink.

const isOk = (o: Outcome | undefined) => o?.kind === 'reply' && o.code >= 200 && o.code < 300;

export const noDeliveryEmptyMessageChecks = [
  defineCheck({
    id: 'rfc2920/3.2/no-delivery-empty-message',
    title: 'Pipelines MAIL, two RCPTs the server refuses and DATA; if DATA gets 354, ends the data at once and watches the sink and the bounce catcher',
    requirement: 'After 354 with no valid recipient, the server MUST NOT send the empty message (nor a notification) to anybody',
    level: 'MUST NOT',
    catalog: ['2920-3.2-no-delivery-empty-message'],
    requires: ['PIPELINING'],
    needs: ['sink'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const label = 'empty';
      const lines = [`MAIL FROM:<${bounceSender(ctx, label)}>`, `RCPT TO:<${nonexistentMailbox(ctx)}>`, `RCPT TO:<${sinkRecipient(ctx, 'full', label)}> X-SMTPSPEC-UNKNOWN=1`, 'DATA'];
      const [mail, rcptA, rcptB, data] = await s.pipeline(lines);
      const replies = `MAIL ${mail ? describeOutcome(mail) : '-'}, RCPTs ${rcptA ? describeOutcome(rcptA) : '-'} / ${rcptB ? describeOutcome(rcptB) : '-'}, DATA ${data ? describeOutcome(data) : '-'}`;
      if (data?.kind !== 'reply' || data.code !== 354) return skip(`DATA was not answered 354 (${replies}), so no empty message was sent`);
      await s.sendRaw('.\r\n');
      const final = await s.read();
      if (!isOk(mail) || isOk(rcptA) || isOk(rcptB)) return skip(`a recipient was accepted or MAIL refused (${replies}): the empty message had a valid recipient, or no transaction`);
      const barrier = await passBarrier(ctx);
      const found = probeArrivals(ctx, label);
      const expected = ['nothing at the sink or the bounce catcher for the empty message'];
      const actual = `${replies}; end of data ${describeOutcome(final)}; ${barrier.summary}; at the sink: ${describeArrivals(found)}`;
      if (found.length > 0) return violation(expected, actual, 'the empty message with no valid recipient led to mail being sent');
      if (!barrier.arrival) return skip(`the barrier message did not arrive, so the absence means nothing (${actual})`);
      return pass(expected, actual);
    },
  }),
];
