import { handshake, mailFrom } from '../../harness/dialog.js';
import type { Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { expectReply, worstOf } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §2.4 (and §4.1.2): without an extension that allows them (SMTPUTF8), envelope commands
// with octets above 127 SHOULD be rejected, normally with a 500-class "invalid character" reply.
// When SMTPUTF8 is advertised, RFC 6531 §3.4 names 550 5.6.7 (MAIL) and 553 5.6.7 (RCPT).

/** Sends a line that holds UTF-8, exactly as UTF-8 octets. */
async function sendUtf8(s: Session, line: string): Promise<Outcome> {
  await s.sendRaw(Buffer.from(`${line}\r\n`, 'utf8'));
  return s.read();
}

export const nonAsciiEnvelopeChecks = [
  defineCheck({
    id: 'rfc5321/2.4/non-ascii-envelope',
    title: 'Sends MAIL FROM:<jörg@…> and, after a valid MAIL, RCPT TO:<é@…>, in UTF-8 without the SMTPUTF8 parameter',
    requirement: 'The server SHOULD reject envelope addresses with non-ASCII octets when no extension allows them (any 5xx)',
    level: 'SHOULD',
    catalog: ['5321-2.4-nonascii-envelope-rejected'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const utf8 = s.has('SMTPUTF8');
      const mail = await sendUtf8(s, `MAIL FROM:<jörg@${ctx.heloName}>`);
      // A MAIL accepted by mistake would make the valid one "nested": start over.
      if (mail.kind === 'reply' && mail.code === 250) await s.send('RSET');
      await mailFrom(s, ctx);
      const rcpt = await sendUtf8(s, `RCPT TO:<é@${ctx.localDomain}>`);
      return worstOf([
        { probe: 'MAIL with a UTF-8 local part', verdict: expectReply(mail, { class: 'permfail', ...(utf8 ? { preferred: [550, 553] } : {}) }, 'non-ASCII MAIL') },
        { probe: 'RCPT with a UTF-8 local part', verdict: expectReply(rcpt, { class: 'permfail', ...(utf8 ? { preferred: [553, 550] } : {}) }, 'non-ASCII RCPT') },
      ]);
    },
  }),
];
