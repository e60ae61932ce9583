import { required } from '../../harness/setup.js';
import { expectReply, worstOf } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { SUBMISSION_SERVER, authenticatedSubmission } from './support.js';

// RFC 6409 §5.1: an MSA SHOULD reject envelope addresses with illegal syntax, with 501 when the
// address is detectably improper.

export const addressSyntaxChecks = [
  defineCheck({
    id: 'rfc6409/5.1/address-syntax-501',
    title: 'Authenticated: MAIL FROM:<a@@b.test>, then RCPT TO:<user@sink..test>',
    requirement: 'The submission server SHOULD refuse each malformed address with 501',
    level: 'SHOULD',
    catalog: ['6409-5.1-address-syntax-501'],
    needs: ['auth'],
    appliesTo: SUBMISSION_SERVER,
    run: async (s, ctx) => {
      const skipped = await authenticatedSubmission(s, ctx);
      if (skipped) return skipped;
      const mail = await s.send('MAIL FROM:<a@@b.test>');
      if (mail.kind === 'reply' && mail.code === 250) await s.send('RSET');
      required(await s.send(`MAIL FROM:<${ctx.rcpt}>`), `MAIL FROM:<${ctx.rcpt}>`);
      const rcpt = await s.send('RCPT TO:<user@sink..test>');
      return worstOf([
        { probe: 'MAIL FROM:<a@@b.test>', verdict: expectReply(mail, { class: 'permfail', preferred: [501] }, 'MAIL with a malformed address') },
        { probe: 'RCPT TO:<user@sink..test>', verdict: expectReply(rcpt, { class: 'permfail', preferred: [501] }, 'RCPT with a malformed address') },
      ]);
    },
  }),
];
