import { handshake } from '../../harness/dialog.js';
import { expectReply } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.1.1.11 (and RFC 1869 §6.1): a MAIL or RCPT parameter the server does not recognise
// is answered with 555; silently accepting it hides that the extension is missing.

export const unknownParameterChecks = [
  defineCheck({
    id: 'rfc5321/4.1.1.11/unknown-mail-parameter',
    title: 'Sends MAIL FROM with an unknown parameter XYZZY-NOSUCH=1',
    requirement: 'The server MUST NOT accept an unrecognised MAIL parameter; it answers 555',
    level: 'MUST',
    // Catalog ambiguity 2: the 555 is stated declaratively and servers commonly answer 501/504, so
    // another 5xx is NON-STRICT (expectReply's preferred code); accepting the parameter is FAIL.
    catalog: ['5321-4.1.1.11-unknown-parameter-555'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const reply = await s.send(`MAIL FROM:<${ctx.sender}> XYZZY-NOSUCH=1`);
      // After an (unwanted) acceptance, leave the transaction state clean.
      if (reply.kind === 'reply' && reply.code === 250) await s.send('RSET');
      return expectReply(reply, { class: 'permfail', preferred: [555] }, 'MAIL with an unknown parameter');
    },
  }),
];
