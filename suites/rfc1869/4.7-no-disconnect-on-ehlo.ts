import { describeOutcome } from '../../harness/session/outcome.js';
import { expectReply, violation, worstOf } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 1869 §4.7: a server that drops the connection when it receives EHLO (with or without a
// reply) is broken; only QUIT ends a session (RFC 5321 §3.8).

export const noDisconnectOnEhloChecks = [
  defineCheck({
    id: 'rfc1869/4.7/no-disconnect-on-ehlo',
    title: 'Sends EHLO, then NOOP',
    requirement: 'The server MUST answer EHLO and keep the connection open: NOOP then gets 250',
    level: 'MUST',
    catalog: ['1869-4.7-no-disconnect-on-ehlo'],
    run: async (s, ctx) => {
      if (s.greeting.kind !== 'reply' || s.greeting.code !== 220) {
        return violation(['220 greeting'], describeOutcome(s.greeting), 'no 220 greeting');
      }
      const ehlo = await s.ehlo(ctx.heloName);
      const noop = await s.send('NOOP');
      return worstOf([
        { probe: 'EHLO', verdict: expectReply(ehlo, { class: 'ok', preferred: [250] }, 'EHLO') },
        { probe: 'NOOP after EHLO', verdict: expectReply(noop, { class: 'ok', preferred: [250] }, 'NOOP after EHLO') },
      ]);
    },
  }),
];
