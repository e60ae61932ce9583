import { handshake, mailFrom, rcptTo, simpleMessage } from '../../harness/dialog.js';
import { required } from '../../harness/setup.js';
import { expectReply, worstOf } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 2920 §3.1: the message content may be the first element of a group - the end of one message
// can share a write with the RSET/MAIL/RCPT/DATA that start the next transaction. Only the text
// after 354 must wait for the 354 (Postfix's anti-smuggling rule fires on that, not on this).

export const contentFirstChecks = [
  defineCheck({
    id: 'rfc2920/3.1/content-first-in-group',
    title: 'Ends a message and starts the next transaction (MAIL, RCPT, DATA) in the same write',
    requirement: 'The server MUST answer every command of the group: 250 for the message, 250, 250, 354, then 250 for the second message',
    level: 'MUST',
    catalog: ['2920-3.1-content-first-in-group'],
    requires: ['PIPELINING'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      await mailFrom(s, ctx);
      await rcptTo(s, ctx);
      required(await s.send('DATA'), 'DATA', [354]);
      const group = [`MAIL FROM:<${ctx.sender}>`, `RCPT TO:<${ctx.rcpt}>`, 'DATA'];
      await s.sendRaw(Buffer.from(simpleMessage(ctx, 'first message of the group\r\n') + '.\r\n' + group.map((l) => `${l}\r\n`).join(''), 'utf8'));
      const firstEnd = await s.read();
      const mail = await s.read();
      const rcpt = mail.kind === 'reply' ? await s.read() : mail;
      const data = rcpt.kind === 'reply' ? await s.read() : rcpt;
      const probes = [
        { probe: 'end of the first message', verdict: expectReply(firstEnd, { class: 'ok', preferred: [250] }) },
        { probe: group[0]!, verdict: expectReply(mail, { class: 'ok', preferred: [250] }) },
        { probe: group[1]!, verdict: expectReply(rcpt, { class: 'ok', preferred: [250, 251] }) },
        { probe: group[2]!, verdict: expectReply(data, { class: 'intermediate', preferred: [354] }) },
      ];
      if (data.kind === 'reply' && data.code === 354) {
        await s.sendRaw(Buffer.from(simpleMessage(ctx, 'second message\r\n') + '.\r\n', 'utf8'));
        probes.push({ probe: 'end of the second message', verdict: expectReply(await s.read(), { class: 'ok', preferred: [250] }) });
      }
      return worstOf(probes);
    },
  }),
];
