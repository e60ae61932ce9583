import { openTransaction } from '../../harness/dialog.js';
import { required } from '../../harness/setup.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import { expectReply, violation, worstOf } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 6152 §3: BODY=8BITMIME lets the data carry octets above 127, but the end-of-data and
// dot-stuffing rules of RFC 5321 §4.5.2 are unchanged: only CRLF.CRLF ends the data, whatever
// octets sit next to the CRLFs.

/** Every octet 0x80-0xFF, in lines of 32, with 8-bit octets right before and after each CRLF. */
function eightBitBody(token: string): Buffer {
  const lines: Buffer[] = [Buffer.from(`MIME-Version: 1.0\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\nSubject: smtpspec 8bit ${token}\r\n\r\n`, 'latin1')];
  for (let start = 0x80; start <= 0xff; start += 32) {
    lines.push(Buffer.concat([Buffer.from(Array.from({ length: 32 }, (_, i) => start + i)), Buffer.from('\r\n', 'latin1')]));
  }
  // A line that starts with a dot, stuffed (RFC 5321 §4.5.2): ".\xE9t\xE9" is sent as "..\xE9t\xE9".
  lines.push(Buffer.from('..\xe9t\xe9\r\n', 'latin1'));
  // A stuffed lone dot followed by an 8-bit octet, and 8-bit octets framing an ASCII word.
  lines.push(Buffer.from('..\xa0\r\n\xff8bit\x80\r\n', 'latin1'));
  return Buffer.concat(lines);
}

export const eightBitDataChecks = [
  defineCheck({
    id: 'rfc6152/3/8bit-data-accepted',
    title: 'Sends a BODY=8BITMIME message with octets 0x80-0xFF next to CRLFs and stuffed dot lines',
    requirement: 'The server MUST accept the 8-bit data with one final 250 and stay in sync (only CRLF.CRLF ends the data)',
    level: 'MUST',
    catalog: ['6152-3-data-stuffing-unchanged'],
    requires: ['8BITMIME'],
    run: async (s, ctx) => {
      await openTransaction(s, ctx, { params: 'BODY=8BITMIME' });
      required(await s.send('DATA'), 'DATA', [354]);
      await s.sendRaw(Buffer.concat([eightBitBody(ctx.token), Buffer.from('.\r\n', 'latin1')]));
      const final = await s.read();
      const extra = await s.readExtra(500);
      const noop = await s.send('NOOP');
      return worstOf([
        { probe: 'end of data', verdict: expectReply(final, { class: 'ok', preferred: [250] }, 'reply to the end of the 8-bit data') },
        {
          probe: 'no further reply',
          verdict: extra.length === 0 ? expectReply(noop, { class: 'ok', preferred: [250] }, 'NOOP after the message') : violation(['nothing'], extra.map(describeOutcome).join(' / '), 'more than one reply to the end of data: the 8-bit data desynchronised the session'),
        },
      ]);
    },
  }),
];
