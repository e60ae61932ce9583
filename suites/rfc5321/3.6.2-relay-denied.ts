import { handshake, mailFrom } from '../../harness/dialog.js';
import { expectReply } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §3.6.2 (and §7.9): a server that declines to relay for policy reasons SHOULD say so with
// 550 at RCPT. Whether an accepted message really leaves the server (an open relay) needs the sink
// (5321-7.9-no-open-relay); here only the reply is graded, and 554/553/4xx are warn (catalog
// ambiguity 4: Postfix answers 554 5.7.1 by default, 454 4.7.1 when deferring).

export const relayDeniedChecks = [
  defineCheck({
    id: 'rfc5321/3.6.2/relay-denied-550',
    title: 'Without authentication, sends RCPT TO a domain that is neither local nor routed (unrelated.invalid)',
    requirement: 'A server that declines to relay SHOULD refuse the recipient with 550',
    level: 'SHOULD',
    catalog: ['5321-3.6.2-relay-denied-550'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      await mailFrom(s, ctx);
      const reply = await s.send(`RCPT TO:<victim-${ctx.token}@unrelated.invalid>`);
      await s.send('RSET');
      return expectReply(reply, { class: 'permfail', preferred: [550] }, 'RCPT to a foreign domain');
    },
  }),
];
