import { describeOutcome } from '../../harness/session/outcome.js';
import { expectReply, pass, skip, unimplemented, violation, worstOf } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { handshake } from '../../harness/dialog.js';

// RFC 3207 §4.1: a server that finds the negotiated TLS insufficient (no client certificate, a
// weak cipher) SHOULD answer every command but QUIT with 554 - not drop the connection silently.

export const insufficientSecurityChecks = [
  defineCheck({
    id: 'rfc3207/4.1/insufficient-security-554',
    title: 'Negotiates TLS without a client certificate, then sends EHLO, MAIL, NOOP and QUIT',
    requirement: 'A server that finds the TLS session insufficient SHOULD answer every command but QUIT with 554',
    level: 'SHOULD',
    severity: 'info',
    severityNote: 'only targets that enforce client certificates or cipher policies are concerned; the catalog records it',
    catalog: ['3207-4.1-insufficient-security-554'],
    needs: ['tls'],
    appliesTo: 'servers that judge a TLS session without a client certificate insufficient',
    run: async (s, ctx) => {
      if (!s.tlsActive) {
        await handshake(s, ctx);
        if (!s.has('STARTTLS')) return unimplemented('the target does not offer STARTTLS');
        const reply = await s.startTls();
        if (!s.tlsActive) return skip(`no TLS session: STARTTLS got ${describeOutcome(reply)}`);
      }
      const expected = ['554 to every command but QUIT'];
      const ehlo = await s.ehlo(ctx.heloName);
      if (ehlo.kind !== 'reply') return violation(expected, `EHLO: ${describeOutcome(ehlo)}`, 'the server dropped the TLS session without a reply');
      let refused = ehlo.code === 554 ? ehlo : undefined;
      if (!refused) {
        const mail = await s.send(`MAIL FROM:<${ctx.sender}>`);
        if (mail.kind !== 'reply') return violation(expected, `MAIL: ${describeOutcome(mail)}`, 'the server dropped the TLS session without a reply');
        if (mail.code !== 554) return skip(`the target accepts this TLS session: EHLO got ${ehlo.code}, MAIL ${describeOutcome(mail)}`);
        refused = mail;
      }
      const noop = await s.send('NOOP');
      const quit = await s.send('QUIT');
      return worstOf([
        { probe: 'first refusal', verdict: pass(['554'], describeOutcome(refused)) },
        { probe: 'NOOP', verdict: expectReply(noop, { class: 'permfail', preferred: [554] }, 'NOOP') },
        { probe: 'QUIT', verdict: expectReply(quit, { class: 'ok', preferred: [221] }, 'QUIT') },
      ]);
    },
  }),
];
