import { handshake, mailFrom, rcptTo, simpleMessage } from '../../harness/dialog.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import { expectReply, worstOf } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.1.1.6-4.1.1.8: VRFY, EXPN and HELP have no effect on the reverse-path buffer, the
// forward-path buffer or the mail data buffer, so an open transaction survives them. EXPN is only
// sent when advertised, so that the probe makes at most two protocol errors (VRFY and HELP may be
// refused).

export const vrfyExpnStatelessChecks = [
  defineCheck({
    id: 'rfc5321/4.1.1.6/vrfy-expn-stateless',
    title: 'Inside a transaction with a recipient, sends VRFY, EXPN (when advertised) and HELP, then DATA and a message',
    requirement: 'VRFY, EXPN and HELP MUST leave the transaction alone: DATA still gets 354 and the message 250',
    level: 'MUST',
    catalog: ['5321-4.1.1.6-vrfy-expn-stateless'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      await mailFrom(s, ctx);
      await rcptTo(s, ctx);
      const between = ['VRFY postmaster', ...(s.has('EXPN') ? ['EXPN postmaster'] : []), 'HELP'];
      const seen: string[] = [];
      for (const line of between) seen.push(`${line} → ${describeOutcome(await s.send(line))}`);
      const data = await s.send('DATA');
      const probes = [{ probe: `DATA after ${seen.join(', ')}`, verdict: expectReply(data, { class: 'intermediate', preferred: [354] }, 'DATA after VRFY/EXPN/HELP') }];
      if (data.kind === 'reply' && data.code === 354) {
        await s.sendRaw(Buffer.from(simpleMessage(ctx), 'utf8'));
        await s.sendRaw('.\r\n');
        probes.push({ probe: 'end of data', verdict: expectReply(await s.read(), { class: 'ok', preferred: [250] }, 'end of data') });
      }
      return worstOf(probes);
    },
  }),
];
