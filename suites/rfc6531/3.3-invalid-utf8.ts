import type { CheckContext } from '../../harness/check.js';
import { handshake, mailFrom } from '../../harness/dialog.js';
import type { Session } from '../../harness/session/session.js';
import { expectReply, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 6531 §3.3: the extended address syntax allows UTF8-non-ascii as RFC 6532 §3.1 defines it,
// i.e. well-formed UTF-8 only. Overlong forms, lone continuation octets and encoded surrogates
// are not UTF-8, so an address containing them is malformed.

const MALFORMED: ReadonlyArray<{ name: string; localPart: Buffer }> = [
  { name: 'overlong \\xC0\\xAF', localPart: Buffer.from([0xc0, 0xaf]) },
  { name: 'lone continuation \\x80abc', localPart: Buffer.concat([Buffer.from([0x80]), Buffer.from('abc', 'latin1')]) },
  { name: 'surrogate \\xED\\xA0\\x80', localPart: Buffer.from([0xed, 0xa0, 0x80]) },
];

/** The session, or (hygiene: two protocol errors spent, or closed) a new one with an open SMTPUTF8 transaction. */
async function usable(s: Session, ctx: CheckContext): Promise<Session> {
  if (!s.isClosed && s.protocolErrors < 2) return s;
  const fresh = await ctx.connect();
  await handshake(fresh, ctx);
  await mailFrom(fresh, ctx, { params: 'SMTPUTF8' });
  return fresh;
}

export const invalidUtf8Checks = [
  defineCheck({
    id: 'rfc6531/3.3/invalid-utf8-rejected',
    title: 'Sends RCPT with overlong, lone-continuation and surrogate octets in the local part (after MAIL … SMTPUTF8)',
    requirement: 'Addresses that are not well-formed UTF-8 MUST be refused',
    level: 'MUST',
    severity: 'warn',
    severityNote: 'RFC 6531 allows only well-formed UTF-8 through its ABNF, with no explicit server keyword',
    catalog: ['6531-3.3-invalid-utf8-rejected'],
    requires: ['SMTPUTF8'],
    run: async (first, ctx) => {
      await handshake(first, ctx);
      await mailFrom(first, ctx, { params: 'SMTPUTF8' });
      let s = first;
      const parts: Array<{ probe: string; verdict: Verdict }> = [];
      for (const { name, localPart } of MALFORMED) {
        s = await usable(s, ctx);
        await s.sendRaw(Buffer.concat([Buffer.from('RCPT TO:<', 'latin1'), localPart, Buffer.from(`@${ctx.localDomain}>\r\n`, 'latin1')]));
        parts.push({ probe: name, verdict: expectReply(await s.read(), { class: 'permfail' }, `RCPT with ${name}`) });
      }
      return worstOf(parts);
    },
  }),
];
