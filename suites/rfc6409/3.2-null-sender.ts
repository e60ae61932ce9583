import { simpleMessage } from '../../harness/dialog.js';
import { expectReply, worstOf } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { SUBMISSION_SERVER, authenticatedSubmission } from './support.js';

// RFC 6409 §3.2: a null return path (MAIL FROM:<>) is legitimate in a submission (a client may
// submit a notification); it MUST NOT be a reason by itself to refuse the message.

export const nullSenderChecks = [
  defineCheck({
    id: 'rfc6409/3.2/null-sender-allowed',
    title: 'Authenticates, then submits a message with MAIL FROM:<> to the test mailbox',
    requirement: 'The submission server MUST NOT refuse the message because the reverse-path is null',
    level: 'MUST NOT',
    catalog: ['6409-3.2-null-sender-allowed'],
    needs: ['auth'],
    appliesTo: SUBMISSION_SERVER,
    run: async (s, ctx) => {
      const skipped = await authenticatedSubmission(s, ctx);
      if (skipped) return skipped;
      const probes = [];
      const mail = await s.send('MAIL FROM:<>');
      probes.push({ probe: 'MAIL FROM:<>', verdict: expectReply(mail, { class: 'ok', preferred: [250] }) });
      if (mail.kind === 'reply' && mail.code === 250) {
        const rcpt = await s.send(`RCPT TO:<${ctx.rcpt}>`);
        probes.push({ probe: 'RCPT', verdict: expectReply(rcpt, { class: 'ok', preferred: [250, 251] }) });
        if (rcpt.kind === 'reply' && rcpt.code < 300) {
          const data = await s.send('DATA');
          probes.push({ probe: 'DATA', verdict: expectReply(data, { class: 'intermediate', preferred: [354] }) });
          if (data.kind === 'reply' && data.code === 354) {
            await s.sendRaw(Buffer.from(simpleMessage(ctx) + '.\r\n', 'utf8'));
            probes.push({ probe: 'end of data', verdict: expectReply(await s.read(), { class: 'ok', preferred: [250] }) });
          }
        }
      }
      return worstOf(probes);
    },
  }),
];
