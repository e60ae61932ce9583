import type { CheckContext } from '../../harness/check.js';
import { handshake } from '../../harness/dialog.js';
import type { Session } from '../../harness/session/session.js';
import { expectReply, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 1869 §6: a MAIL/RCPT parameter is esmtp-keyword ["=" esmtp-value]; the keyword uses the
// keyword alphabet (letters, digits, "-") and the value is 1*(%d33-60 / %d62-127), so neither empty
// nor containing "=", SP or controls. A parameter that breaks this is malformed and refused.

const MALFORMED = [
  { name: 'empty value "SIZE="', param: 'SIZE=' },
  { name: 'value with "=" "SIZE==100"', param: 'SIZE==100' },
  { name: 'keyword with "_" "SI_ZE=100"', param: 'SI_ZE=100' },
];

/** The session, or a fresh one after EHLO once two protocol errors are spent (hygiene). */
async function usable(s: Session, ctx: CheckContext): Promise<Session> {
  if (!s.isClosed && s.protocolErrors < 2) return s;
  const fresh = await ctx.connect();
  await handshake(fresh, ctx);
  return fresh;
}

export const esmtpParamSyntaxChecks = [
  defineCheck({
    id: 'rfc1869/6/esmtp-param-syntax',
    title: 'Sends MAIL with "SIZE=", "SIZE==100" and "SI_ZE=100"',
    requirement: 'A malformed MAIL parameter is refused, with 501 (or 555)',
    level: 'MUST',
    severity: 'warn',
    severityNote: 'RFC 1869 gives the grammar, not the server\'s reply to a breach of it; the catalog grades warn',
    catalog: ['1869-6-esmtp-param-syntax'],
    requires: ['SIZE'],
    run: async (first, ctx) => {
      await handshake(first, ctx);
      let s = first;
      const parts: Array<{ probe: string; verdict: Verdict }> = [];
      for (const { name, param } of MALFORMED) {
        s = await usable(s, ctx);
        const reply = await s.send(`MAIL FROM:<${ctx.sender}> ${param}`);
        if (reply.kind === 'reply' && reply.code === 250) await s.send('RSET');
        parts.push({ probe: name, verdict: expectReply(reply, { class: 'permfail', preferred: [501, 555] }, `MAIL with ${name}`) });
      }
      return worstOf(parts);
    },
  }),
];
