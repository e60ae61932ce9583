import { openTransaction } from '../../harness/dialog.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import { info, pass } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §3.3 and RFC 2920 §3.1: the client sends the message text only after the 354 reply to
// DATA, so DATA is always the last command of a pipelined group. Text written together with DATA
// is a client error that some servers treat as an attack (a smuggling mitigation: Postfix's
// smtpd_forbid_unauth_pipelining, Exim's synchronisation check). Either reaction is acceptable;
// which one the server chose is recorded.

export const pipelinedDataChecks = [
  defineCheck({
    id: 'smuggling/3.3/unauth-pipelining-data',
    title: 'After MAIL and RCPT, sends DATA and the whole message in one write, without waiting for the 354',
    requirement: 'Text sent before the 354 is either processed normally (354, then 250) or refused as a synchronisation error (554 and close); which one is recorded',
    level: 'INFO',
    catalog: ['SMUG-unauth-pipelining-data'],
    requires: ['PIPELINING'],
    run: async (s, ctx) => {
      await openTransaction(s, ctx);
      await s.sendRaw(`DATA\r\nSubject: smtpspec pipelined data ${ctx.token}\r\n\r\nbody\r\n.\r\n`);
      const first = await s.read();
      const second = first.kind === 'reply' && first.code === 354 ? await s.read() : undefined;
      const extra = await s.readExtra(300);
      const expected = ['354, then 250', '554 (synchronisation error), then close'];
      const actual = [first, ...(second ? [second] : []), ...extra].map(describeOutcome).join(' / ');
      if (first.kind === 'reply' && first.code === 354 && second?.kind === 'reply' && second.code === 250 && extra.length === 0) return pass(expected, actual, 'processed normally');
      if (first.kind === 'reply' && first.code === 554) {
        const closed = (await s.waitForClose(Math.min(2_000, s.options.replyTimeoutMs))) === 'closed';
        if (closed) return pass(expected, `${actual}, then close`, 'refused as a synchronisation error');
      }
      return info(expected, actual, `the server reacted otherwise: ${actual}`);
    },
  }),
];
