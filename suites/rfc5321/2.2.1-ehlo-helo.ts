import { describeOutcome } from '../../harness/session/outcome.js';
import { required } from '../../harness/setup.js';
import { inconclusive, pass, violation, worstOf } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { transactionProbes } from './support.js';

// RFC 5321 §2.2.1: servers MUST support EHLO even without any extension, and MUST keep supporting
// HELO as the fallback for older clients (§4.1.1.1, and §4.5.1 lists both as minimum commands).

export const ehloHeloChecks = [
  // §2.2.1 / §4.5.1: EHLO is required; 500/502 would mean it is not implemented. §4.1.4 lets a
  // server refuse an unacceptable EHLO with 550, and 421/554 are session-level refusals: those say
  // nothing about EHLO support, so they are inconclusive rather than a failure.
  defineCheck({
    id: 'rfc5321/2.2.1/ehlo-supported',
    title: 'Sends EHLO after the greeting',
    requirement: 'The server MUST implement EHLO and answer it with 250, even if it offers no extensions',
    level: 'MUST',
    catalog: ['5321-2.2.1-ehlo-supported'],
    run: async (s, ctx) => {
      required(s.greeting, 'greeting', [220]);
      const reply = await s.ehlo(ctx.heloName);
      if (reply.kind === 'reply' && [421, 550, 554].includes(reply.code)) {
        return inconclusive(['250'], describeOutcome(reply), `EHLO got a policy/session refusal (${reply.code}), which does not show whether EHLO is implemented; retry from another address`);
      }
      // ehlo-ok-rsp (§4.1.1.1) has exactly one success code: 250.
      if (reply.kind === 'reply' && reply.code === 250) return pass(['250'], describeOutcome(reply));
      return violation(['250'], describeOutcome(reply), `EHLO not answered with 250: ${describeOutcome(reply)}`);
    },
  }),

  // §2.2.1 / §4.1.1.1: HELO stays supported, and a session opened with HELO can carry mail
  // (RFC 1869 §4.1.1: a session may begin with either). The probe runs a whole transaction.
  defineCheck({
    id: 'rfc5321/2.2.1/helo-supported',
    title: 'Sends HELO, then MAIL, RCPT and DATA with a small message',
    requirement: 'The server MUST accept HELO with 250 and then a normal mail transaction',
    level: 'MUST',
    catalog: ['5321-2.2.1-helo-supported', '1869-4.1.1-ehlo-or-helo-first'],
    run: async (s, ctx) => {
      required(s.greeting, 'greeting', [220]);
      const helo = await s.helo(ctx.heloName);
      // §4.1.1.1: the HELO success reply is 250; 500/502/503 mean HELO is not supported.
      if (helo.kind !== 'reply' || helo.code !== 250) return violation(['250'], describeOutcome(helo), `HELO not answered with 250: ${describeOutcome(helo)}`);
      const steps = await transactionProbes(s, ctx, { mail: `MAIL FROM:<${ctx.sender}>`, rcpt: `RCPT TO:<${ctx.rcpt}>`, data: 'DATA' }, ' after HELO');
      return worstOf([{ probe: 'HELO', verdict: pass(['250'], describeOutcome(helo)) }, ...steps]);
    },
  }),
];
