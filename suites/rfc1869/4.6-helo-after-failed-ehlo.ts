import { simpleMessage } from '../../harness/dialog.js';
import { describeOutcome, isClass } from '../../harness/session/outcome.js';
import { expectReply, inconclusive, pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 1869 §4.6-4.7: after an EHLO error the server stays in the state it was in, so the client
// can fall back to HELO; refusing HELO after a failed EHLO is "improperly implemented". RFC 5321
// §4.1.4 makes this a MUST, which is why the SHOULD is graded fail.

export const heloAfterFailedEhloChecks = [
  defineCheck({
    id: 'rfc1869/4.6/helo-after-failed-ehlo',
    title: 'Sends EHLO without an argument (an error), then HELO and a complete transaction',
    requirement: 'After a refused EHLO the server SHOULD accept HELO and a normal transaction',
    level: 'SHOULD',
    severity: 'fail',
    severityNote: 'RFC 5321 §4.1.4 turns the RFC 1869 SHOULD into a MUST (a failed EHLO leaves the state unchanged)',
    catalog: ['1869-4.6-helo-after-failed-ehlo'],
    run: async (s, ctx) => {
      if (s.greeting.kind !== 'reply' || s.greeting.code !== 220) {
        return violation(['220 greeting'], describeOutcome(s.greeting), 'no 220 greeting');
      }
      const ehlo = await s.send('EHLO');
      if (!isClass(ehlo, 'permfail') && !isClass(ehlo, 'tempfail')) {
        return inconclusive(['EHLO without argument refused'], describeOutcome(ehlo), 'the forced EHLO error did not happen, so the fallback cannot be probed');
      }
      const steps: Array<[string, readonly number[]]> = [
        [`HELO ${ctx.heloName}`, [250]],
        [`MAIL FROM:<${ctx.sender}>`, [250]],
        [`RCPT TO:<${ctx.rcpt}>`, [250, 251]],
        ['DATA', [354]],
      ];
      for (const [line, codes] of steps) {
        const reply = await s.send(line);
        if (reply.kind !== 'reply' || !codes.includes(reply.code)) {
          return violation([`${line}: ${codes.join(' or ')}`], `${line}: ${describeOutcome(reply)}`, `after the refused EHLO, ${line} got ${describeOutcome(reply)}`);
        }
      }
      await s.sendRaw(Buffer.from(simpleMessage(ctx) + '.\r\n', 'utf8'));
      const final = expectReply(await s.read(), { class: 'ok', preferred: [250] }, 'end of data');
      return final.kind === 'pass' ? pass(['HELO 250, then a transaction ending in 250'], 'HELO 250, transaction 250') : final;
    },
  }),
];
