import { handshake, mailFrom, rcptTo, sendData, simpleMessage } from '../../harness/dialog.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import { expectReply, pass, violation, worstOf } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import type { Probe } from './support.js';

// RFC 5321 §4.5.3.1.7: every implementation MUST accept message content of at least 64K octets;
// servers that restrict the size should say so with SIZE (RFC 1870), whose value then may not be
// below 65536 (0 means no fixed limit).

const SIZE_64K = 65_536;

/** A message of exactly 64K octets: the usual header, then 78-character lines of "x". */
function message64k(header: string): string {
  let body = '';
  let left = SIZE_64K - header.length;
  while (left >= 160) {
    body += `${'x'.repeat(78)}\r\n`;
    left -= 80;
  }
  return header + body + `${'y'.repeat(left - 2)}\r\n`;
}

export const messageSizeChecks = [
  defineCheck({
    id: 'rfc5321/4.5.3.1.7/message-64k',
    title: 'Checks the advertised SIZE, then delivers a message of exactly 65,536 octets',
    requirement: 'The server MUST accept 64K-octet messages (250); an advertised SIZE must be 0 or at least 65536',
    level: 'MUST',
    catalog: ['5321-4.5.3.1.7-message-64k'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const probes: Probe[] = [];
      const size = s.params('SIZE')?.[0];
      if (size !== undefined && /^\d+$/.test(size)) {
        const n = Number(size);
        const expected = ['SIZE 0 or at least 65536'];
        probes.push({ probe: `SIZE ${size}`, verdict: n === 0 || n >= SIZE_64K ? pass(expected, `SIZE ${size}`) : violation(expected, `SIZE ${size}`, `the advertised limit ${n} is below the 64K minimum`) });
      }
      await mailFrom(s, ctx);
      await rcptTo(s, ctx);
      const content = message64k(simpleMessage(ctx, ''));
      const reply = await sendData(s, content);
      probes.push({ probe: `a message of ${content.length} octets`, verdict: expectReply(reply, { class: 'ok', preferred: [250] }, `64K message (${describeOutcome(reply)})`) });
      return worstOf(probes);
    },
  }),
];
