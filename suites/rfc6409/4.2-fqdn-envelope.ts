import { awaitRelayOrBounce, describeRefusal, describeWait, dotStuffOctets, sinkRecipient, taggedMessage } from '../../harness/relay.js';
import { submitEnvelope } from '../../harness/relay-envelope.js';
import { describeOutcome, replyClass, type Outcome } from '../../harness/session/outcome.js';
import { inconclusive, info, pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { SUBMISSION_SERVER, authenticatedSubmission } from './support.js';

// RFC 6409 §4.2 (and §8.1-8.2): an MSA makes every envelope domain fully qualified, by refusing
// or by completing it by a local convention; an incomplete multi-label name should be refused
// rather than expanded. What the sink can see: a reverse-path without a domain, relayed to it,
// must arrive qualified. Where an accepted recipient goes cannot be seen (it is not routed to
// the sink), so that acceptance is only recorded.

const refused = (o: Outcome) => o.kind === 'reply' && replyClass(o.code) === 'permfail';

export const fqdnEnvelopeChecks = [
  defineCheck({
    id: 'rfc6409/4.2/fqdn-envelope',
    title: 'Authenticated: RCPT TO:<user@sink> (one label), RCPT TO:<user@squeaky.sink> (incomplete), and MAIL FROM:<tag> (no domain) relayed to the sink',
    requirement: 'The submission server MUST make envelope domains fully qualified (refuse, or complete a single-label name); it SHOULD refuse an incomplete multi-label name rather than expand it',
    level: 'MUST',
    severity: 'warn',
    severityNote: 'the catalog grades this warn: completing names is a local convention RFC 6409 §4.2 leaves to the site',
    catalog: ['6409-4.2-fqdn-envelope'],
    needs: ['auth', 'sink'],
    appliesTo: SUBMISSION_SERVER,
    run: async (s, ctx) => {
      const skipped = await authenticatedSubmission(s, ctx);
      if (skipped) return skipped;
      const parts: Array<{ probe: string; verdict: Verdict }> = [];
      const mail = await s.send(`MAIL FROM:<${ctx.rcpt}>`);
      if (mail.kind === 'reply' && mail.code === 250) {
        const single = await s.send(`RCPT TO:<user-${ctx.token}@sink>`);
        parts.push({
          probe: 'RCPT TO:<user@sink>',
          verdict: refused(single)
            ? pass(['refused (5xx)', 'or qualified before relaying'], describeOutcome(single))
            : info(['refused (5xx)', 'or qualified before relaying'], describeOutcome(single), 'accepted; whether it is qualified before relaying cannot be observed (the name is not routed to the sink)'),
        });
        const multi = await s.send(`RCPT TO:<user-${ctx.token}@squeaky.sink>`);
        parts.push({
          probe: 'RCPT TO:<user@squeaky.sink>',
          verdict: refused(multi) ? pass(['refused (5xx)'], describeOutcome(multi)) : violation(['refused (5xx)'], describeOutcome(multi), 'an incomplete multi-label domain was accepted (it should be refused rather than expanded)'),
        });
        await s.send('RSET');
      }
      const to = sinkRecipient(ctx, 'full', 'fqdn');
      const bare = `sender-${ctx.token}`;
      const sub = await submitEnvelope(s, { from: bare, rcpts: [{ address: to }], content: dotStuffOctets(taggedMessage(ctx, { to, body: 'a reverse-path without a domain\r\n' })) });
      const expected = ['MAIL FROM:<user> refused', 'or the reverse-path qualified (user@a.domain) at the sink'];
      if (!sub.accepted) {
        parts.push({ probe: `MAIL FROM:<${bare}>`, verdict: sub.step.startsWith('MAIL') && refused(sub.outcome) ? pass(expected, describeRefusal(sub)) : inconclusive(expected, describeRefusal(sub), 'the message was not taken, but not for its reverse-path') });
        return worstOf(parts);
      }
      const arrival = await awaitRelayOrBounce(ctx, 'fqdn');
      const t = arrival.delivered;
      const from = t?.mailFrom ?? '';
      const qualified = /@[^@.]+\.[^@]+$/.test(from);
      parts.push({
        probe: `MAIL FROM:<${bare}> relayed`,
        verdict: !t
          ? inconclusive(expected, describeWait(ctx, arrival), 'the message did not reach the sink')
          : qualified
            ? pass(expected, `${describeWait(ctx, arrival)}; MAIL FROM:<${from}>`)
            : violation(expected, `${describeWait(ctx, arrival)}; MAIL FROM:<${from}>`, 'the reverse-path was passed on without a fully qualified domain'),
      });
      return worstOf(parts);
    },
  }),
];
