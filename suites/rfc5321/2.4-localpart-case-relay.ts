import { awaitRelayOrBounce, describeWait, dotStuffOctets, requireAccepted, sinkOf, sinkRecipient, submitForRelay, tagOf, taggedMessage } from '../../harness/relay.js';
import { inconclusive, pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §2.4 (and §2.3.11): the local part of a mailbox is case-sensitive; only the destination
// host may interpret it, so a relay passes it on byte for byte (the domain's case may change).

export const localPartCaseChecks = [
  defineCheck({
    id: 'rfc5321/2.4/localpart-case-preserved',
    title: 'Relays MAIL FROM:<Sender.CASE...> and RCPT TO:<MiXeD.CaSe...@sink.test> to the sink',
    requirement: 'The server MUST preserve the case of both local parts when it relays the message',
    level: 'MUST',
    catalog: ['5321-2.4-localpart-case-preserved'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const to = sinkRecipient(ctx, 'full', 'relay', 'MiXeD.CaSe.');
      const from = `Sender.CASE.${tagOf(ctx)}@${sinkOf(ctx).domains.bounce}`;
      const message = taggedMessage(ctx, { to, body: 'local part case test\r\n' });
      requireAccepted(await submitForRelay(s, ctx, { from, rcpts: [to], content: dotStuffOctets(message) }));
      const arrival = await awaitRelayOrBounce(ctx);
      const expected = [`MAIL FROM:<${from}> and RCPT TO:<${to}> at the sink, local parts byte for byte`];
      const t = arrival.delivered;
      if (!t) return inconclusive(expected, arrival.bounce ? 'bounced' : describeWait(ctx, arrival), 'the message did not reach the sink');
      const actual = `${describeWait(ctx, arrival)}; MAIL FROM:<${t.mailFrom}>, RCPT TO:${t.rcpts.map((r) => `<${r.address}>`).join(' ')}`;
      const local = (a: string) => a.slice(0, a.lastIndexOf('@'));
      if (!t.rcpts.some((r) => local(r.address) === local(to))) return violation(expected, actual, 'the recipient local part was altered');
      if (local(t.mailFrom) !== local(from)) return violation(expected, actual, 'the sender local part was altered');
      return pass(expected, actual);
    },
  }),
];
