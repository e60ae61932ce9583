import { dotStuff, handshake, openTransaction, simpleMessage } from '../../harness/dialog.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import { expectReply, pass, unimplemented, violation, worstOf } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 3030 §3: BINARYMIME can only be used with CHUNKING; a BODY=BINARYMIME message must come by
// BDAT, never DATA. A message that merely labels a part "Content-Transfer-Encoding: binary" but is
// sent without BODY=BINARYMIME must still be accepted (and should then be bounced with a DSN).

export const binarymimeChecks = [
  // Implied rather than stated: BINARYMIME "can only be used with" CHUNKING. The catalog grades fail.
  defineCheck({
    id: 'rfc3030/3/binarymime-requires-chunking',
    title: 'Reads the EHLO reply of a server that advertises BINARYMIME',
    requirement: 'BINARYMIME MUST only be advertised together with CHUNKING, the only way to send it',
    level: 'MUST',
    catalog: ['3030-3-binarymime-requires-chunking'],
    requires: ['BINARYMIME'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      if (!s.has('BINARYMIME')) return unimplemented('BINARYMIME was not advertised on this connection');
      const keywords = [...(s.ehloKeywords?.keys() ?? [])].join(' ');
      if (s.has('CHUNKING')) return pass(['BINARYMIME with CHUNKING'], keywords);
      return violation(['BINARYMIME with CHUNKING'], keywords, 'BINARYMIME is advertised without CHUNKING, so a BODY=BINARYMIME message cannot be sent at all');
    },
  }),

  defineCheck({
    id: 'rfc3030/3/binarymime-no-data',
    title: 'Sends MAIL with BODY=BINARYMIME, RCPT, then DATA (and RSET)',
    requirement: 'DATA MUST NOT be accepted for a BODY=BINARYMIME transaction: 503 (RSET then gets 250)',
    level: 'MUST',
    catalog: ['3030-3-binarymime-no-data'],
    requires: ['BINARYMIME'],
    run: async (s, ctx) => {
      await openTransaction(s, ctx, { params: 'BODY=BINARYMIME' });
      const data = await s.send('DATA');
      const verdict = expectReply(data, { class: 'permfail', preferred: [503] }, 'DATA with BODY=BINARYMIME');
      // After a 354 the server reads mail data; the runner closes the connection.
      if (data.kind !== 'reply' || data.code === 354) return verdict;
      return worstOf([
        { probe: 'DATA', verdict },
        { probe: 'RSET', verdict: expectReply(await s.send('RSET'), { class: 'ok', preferred: [250] }, 'RSET after the refused DATA') },
      ]);
    },
  }),

  // The catalog grades this info: refusing such content is a common filtering policy.
  defineCheck({
    id: 'rfc3030/3/binary-cte-without-binarymime',
    title: 'Sends by DATA, without BODY=BINARYMIME, a MIME message whose part is labelled Content-Transfer-Encoding: binary',
    requirement: 'The message MUST be accepted (and SHOULD then be returned with a DSN, which is not observed here)',
    level: 'MUST',
    severity: 'info',
    severityNote: 'the MUST conflicts with common content filtering (catalog "Ambiguities" 21); a refusal is recorded, not failed',
    catalog: ['3030-3-binary-cte-without-binarymime'],
    run: async (s, ctx) => {
      await openTransaction(s, ctx);
      const boundary = `smtpspec-${ctx.token}`;
      const body =
        `This is a MIME message.\r\n--${boundary}\r\n` +
        `Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n` +
        `smtpspec binary part, CRLF-terminated lines only\r\n--${boundary}--\r\n`;
      const headers = `MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="${boundary}"\r\n`;
      const data = await s.send('DATA');
      if (data.kind !== 'reply' || data.code !== 354) return violation(['354'], describeOutcome(data), 'DATA was not accepted');
      await s.sendRaw(dotStuff(simpleMessage(ctx, body, headers)) + '.\r\n');
      return expectReply(await s.read(), { class: 'ok', preferred: [250] }, 'end of the message labelled binary');
    },
  }),
];
