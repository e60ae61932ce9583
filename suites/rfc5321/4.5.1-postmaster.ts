import { handshake, mailFrom } from '../../harness/dialog.js';
import type { Session } from '../../harness/session/session.js';
import type { CheckContext } from '../../harness/check.js';
import { expectReply, worstOf } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import type { Probe } from './support.js';

// RFC 5321 §4.5.1: every SMTP server that delivers mail MUST accept mail for "postmaster" at each
// of its domains, case-insensitively (§2.4 makes "Postmaster" case-insensitive), and for the
// special <Postmaster> without a domain (§4.1.1.3).

/** Each form in its own transaction (MAIL, RCPT, RSET), so a refusal of one does not hide another. */
async function probeForms(s: Session, ctx: CheckContext, forms: readonly string[]): Promise<Probe[]> {
  await handshake(s, ctx);
  const probes: Probe[] = [];
  for (const form of forms) {
    await mailFrom(s, ctx);
    const reply = await s.send(`RCPT TO:<${form}>`);
    probes.push({ probe: `<${form}>`, verdict: expectReply(reply, { class: 'ok', preferred: [250, 251] }, `RCPT TO:<${form}>`) });
    await s.send('RSET');
  }
  return probes;
}

export const postmasterChecks = [
  defineCheck({
    id: 'rfc5321/4.5.1/postmaster',
    title: 'Sends RCPT TO postmaster@, PostMaster@ (local domain), <Postmaster> and <postmaster>',
    requirement: 'The server MUST accept mail for postmaster in any case, with and without a domain',
    level: 'MUST',
    catalog: ['5321-4.5.1-postmaster'],
    run: async (s, ctx) => {
      // Two forms per connection: a server that refuses them with 501 stays within two protocol errors.
      const withDomain = await probeForms(s, ctx, [`postmaster@${ctx.localDomain}`, `PostMaster@${ctx.localDomain}`]);
      const bare = await probeForms(await ctx.connect(), ctx, ['Postmaster', 'postmaster']);
      return worstOf([...withDomain, ...bare]);
    },
  }),
];
