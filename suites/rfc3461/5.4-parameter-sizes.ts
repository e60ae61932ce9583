import type { CheckContext } from '../../harness/check.js';
import { handshake } from '../../harness/dialog.js';
import { expectReply, worstOf } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { xtext } from './support.js';

// RFC 3461 §5.4: an MTA must accept ENVID values of up to 100 characters, NOTIFY of up to 28, ORCPT
// of up to 500 and RET of up to 8, and command lines long enough to carry them.

const MAX_ENVID = 100;

/** A domain of exactly `length` octets: filler labels of at most 63 octets, then `suffix`. */
function domainOfLength(length: number, suffix: string): string {
  const tail = suffix.length <= length - 2 ? suffix : 'test';
  // Octets before the tail: k labels, each followed by a dot.
  const before = length - tail.length;
  const k = Math.ceil(before / 64);
  const sizes = Array.from({ length: k }, (_, i) => Math.floor((before - k) / k) + (i < (before - k) % k ? 1 : 0));
  return [...sizes.map((n) => 'd'.repeat(n)), tail].join('.');
}

/**
 * ORCPT=rfc822;<xtext> of exactly 500 characters: a 64-octet local part and a 100-octet domain,
 * every octet but the "@" written as +XX (7 + 3 × 64 + 1 + 3 × 100 = 500).
 */
export function longestOrcpt(ctx: CheckContext): string {
  const local = `dsn-${ctx.token}-`.padEnd(64, 'x').slice(0, 64);
  return `rfc822;${xtext(local, true)}@${xtext(domainOfLength(100, ctx.localDomain), true)}`;
}

export const parameterSizeChecks = [
  defineCheck({
    id: 'rfc3461/5.4/parameter-sizes',
    title: 'Sends MAIL with a 100-character ENVID and RET=HDRS, and RCPT with NOTIFY=SUCCESS,FAILURE,DELAY and a 500-character ORCPT',
    requirement: 'A DSN server MUST accept ENVID up to 100, NOTIFY up to 28 and ORCPT up to 500 characters, with the longer command lines they make',
    level: 'MUST',
    catalog: ['3461-5.4-parameter-sizes'],
    requires: ['DSN'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const envid = `smtpspec-${ctx.token}-`.padEnd(MAX_ENVID, 'E').slice(0, MAX_ENVID);
      const mail = await s.send(`MAIL FROM:<${ctx.sender}> ENVID=${envid} RET=HDRS`);
      const parts = [{ probe: 'ENVID of 100', verdict: expectReply(mail, { class: 'ok', preferred: [250] }, 'MAIL with a 100-character ENVID') }];
      if (mail.kind === 'reply' && mail.code === 250) {
        const rcpt = await s.send(`RCPT TO:<${ctx.rcpt}> NOTIFY=SUCCESS,FAILURE,DELAY ORCPT=${longestOrcpt(ctx)}`);
        parts.push({ probe: 'ORCPT of 500', verdict: expectReply(rcpt, { class: 'ok', preferred: [250, 251] }, 'RCPT with a 500-character ORCPT') });
      }
      return worstOf(parts);
    },
  }),
];
