import { describeWait, sinkRecipient } from '../../harness/relay.js';
import { info, inconclusive, pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { describeClause, relayProbe, sessionReceived } from '../rfc5321/received-field.js';

// RFC 3848 §2 (with RFC 4954 §7 and RFC 6531 §4.3): the Received WITH keyword names how the message
// came in - ESMTP after EHLO, with S for TLS and A for authentication. Compared case-insensitively.

export const withKeywordChecks = [
  defineCheck({
    id: 'rfc3848/2/with-keywords',
    title: 'Relays a message to the sink after EHLO (with TLS when the run uses STARTTLS, no AUTH) and reads the WITH keyword',
    requirement: 'The WITH keyword SHOULD name the transmission type of the session: ESMTP, or ESMTPS over TLS',
    level: 'SHOULD',
    catalog: ['3848-2-with-keywords'],
    needs: ['sink'],
    run: async (s, ctx) => {
      const arrival = await relayProbe(s, ctx, [sinkRecipient(ctx, 'full')]);
      const want = s.tlsActive ? 'ESMTPS' : 'ESMTP';
      const expected = [`with ${want} (any case)`];
      const t = arrival.delivered;
      if (!t) return inconclusive(expected, arrival.bounce ? 'bounced' : describeWait(ctx, arrival), 'the message did not reach the sink');
      const r = sessionReceived(t);
      if (!r) return info(expected, `${describeWait(ctx, arrival)}; no Received field`, 'no Received field to read (rfc5321/4.4/received-prepended grades that)');
      const actual = `${describeWait(ctx, arrival)}; ${describeClause(r, 'with')}`;
      const name = r.clauses.get('with')?.words[0];
      if (name === undefined) return violation(expected, actual, 'the Received field has no WITH clause');
      return name.toUpperCase() === want ? pass(expected, actual) : violation(expected, actual, `"${name}" does not match the session (${want})`);
    },
  }),
];
