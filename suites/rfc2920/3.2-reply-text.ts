import { handshake, nonexistentMailbox } from '../../harness/dialog.js';
import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import { required } from '../../harness/setup.js';
import { pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 2920 §3.2 (2) and (10): what pipelined replies look like - replies to a group of RSET/MAIL/
// RCPT should be sent together, and each reply's text should show which command it answers.

/** Words (or RFC 3463 address-status codes) by which a reply says what it answers. */
const SENDER_WORDS = /\b(sender|originator|from|mail|return[- ]path)\b/i;
const RECIPIENT_WORDS = /\b(recipient|rcpt|to|mailbox|destination|user|relay(ing)?)\b/i;
/** X.1.0 (other address status, customary for MAIL) and X.1.7/X.1.8 (sender address). */
const SENDER_STATUS = /^[245]\.1\.[078]$/;
/** X.1.1-X.1.6: destination mailbox/system status. */
const RECIPIENT_STATUS = /^[245]\.1\.[1-6]$/;

function identifies(o: Outcome, address: string, words: RegExp, status: RegExp): boolean {
  if (o.kind !== 'reply') return false;
  const text = o.lines.join(' ');
  return text.toLowerCase().includes(address.toLowerCase()) || words.test(text) || (o.enhanced !== undefined && status.test(o.enhanced));
}

export const replyTextChecks = [
  // §3.2 (2): replies to RSET, MAIL and RCPT SHOULD be collected and sent as a group. The harness
  // cannot see TCP segments; it records how far apart the replies arrived, which over a network
  // tells replies written together from replies written one by one only roughly.
  defineCheck({
    id: 'rfc2920/3.2/group-buffering',
    title: 'Pipelines RSET, MAIL, RCPT in one write and times the arrival of the replies',
    requirement: 'The server SHOULD send the replies to the group together',
    level: 'SHOULD',
    severity: 'info',
    severityNote: 'segment boundaries are not visible to the harness and network timing blurs them; the catalog records this only',
    catalog: ['2920-3.2-group-buffering'],
    requires: ['PIPELINING'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const lines = ['RSET', `MAIL FROM:<${ctx.sender}>`, `RCPT TO:<${ctx.rcpt}>`];
      await s.sendRaw(lines.map((l) => `${l}\r\n`).join(''));
      const arrivals: number[] = [];
      const replies: Outcome[] = [];
      for (const line of lines) {
        const o = await s.read();
        arrivals.push(Date.now());
        replies.push(required(o, line, [250, 251]));
      }
      const spread = arrivals[arrivals.length - 1]! - arrivals[0]!;
      const actual = `${replies.map(describeOutcome).join(', ')}; the last arrived ${spread} ms after the first`;
      const expected = ['all replies within 50 ms of each other'];
      return spread <= 50 ? pass(expected, actual) : violation(expected, actual, `the replies to the group arrived over ${spread} ms, apparently one by one`);
    },
  }),

  // §3.2 (10): the reply text SHOULD indicate, implicitly or explicitly, which command it matches:
  // the address, a word naming the command, or an enhanced status code of the address class.
  defineCheck({
    id: 'rfc2920/3.2/reply-text-identifies-command',
    title: 'Pipelines MAIL, RCPT (valid), RCPT (unknown) and reads the reply texts',
    requirement: 'Each reply text SHOULD show which command it answers',
    level: 'SHOULD',
    severity: 'info',
    severityNote: 'a reply text is for humans; the catalog records it only',
    catalog: ['2920-3.2-reply-text-identifies-command'],
    requires: ['PIPELINING'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const nobody = nonexistentMailbox(ctx);
      const lines = [`MAIL FROM:<${ctx.sender}>`, `RCPT TO:<${ctx.rcpt}>`, `RCPT TO:<${nobody}>`];
      const replies = await s.pipeline(lines);
      const found = [
        identifies(replies[0] ?? { kind: 'timeout', afterMs: 0, partial: Buffer.alloc(0) }, ctx.sender, SENDER_WORDS, SENDER_STATUS),
        ...[ctx.rcpt, nobody].map((a, i) => identifies(replies[i + 1] ?? { kind: 'timeout', afterMs: 0, partial: Buffer.alloc(0) }, a, RECIPIENT_WORDS, RECIPIENT_STATUS)),
      ];
      const expected = ['replies that name the sender/recipient, the command, or an X.1.x status'];
      const actual = lines.map((l, i) => `${l}: ${replies[i] ? describeOutcome(replies[i]!) : 'nothing'}`).join('; ');
      const vague = lines.filter((_, i) => !found[i]);
      return vague.length === 0 ? pass(expected, actual) : violation(expected, actual, `no sign of the command answered in the reply to ${vague.join(', ')}`);
    },
  }),
];
