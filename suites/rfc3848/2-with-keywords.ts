import { sinkRecipient } from '../../harness/relay.js';
import { defineCheck } from '../define.js';
import { relayProbe } from '../rfc5321/received-field.js';
import { exactly, gradeReceivedWith } from '../rfc5321/received-with.js';

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
      return gradeReceivedWith(ctx, arrival, exactly(want, (name) => `"${name}" does not match the session (${want})`));
    },
  }),
];
