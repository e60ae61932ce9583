import { simpleMessage } from '../../harness/dialog.js';
import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { inconclusive, nonStrict, pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { escapeBytes } from '../../harness/session/escape.js';

// RFC 5321 §4.2 and §4.2.1: Reply-line = *(Reply-code "-" [textstring] CRLF)
// Reply-code [SP textstring] CRLF, with Reply-code = %x32-35 %x30-35 %x30-39 and the same code on
// every line of a multi-line reply; every command gets exactly one reply. A bare code without the
// SP is tolerated by clients, so servers only SHOULD NOT send it (graded NON-STRICT).

/** Deviations the reply reader reports that break only a SHOULD (or a limit graded warn). */
const SOFT = [/has no space after the code/, /exceeds the 512-octet limit/];

interface Exchange {
  readonly command: string;
  readonly outcomes: readonly Outcome[];
}

/** Sends `line` (or reads, for the greeting), and listens briefly for an unasked second reply. */
async function exchange(s: Session, log: Exchange[], command: string, send: () => Promise<Outcome>): Promise<Outcome> {
  const first = await send();
  const extra = first.kind === 'reply' && command !== 'QUIT' ? await s.readExtra(150) : [];
  log.push({ command, outcomes: [first, ...extra] });
  return first;
}

export const replyGrammarChecks = [
  defineCheck({
    id: 'rfc5321/4.2/reply-grammar',
    title: 'Runs EHLO, MAIL, RCPT, DATA, a message, RSET, NOOP, HELP and QUIT, and parses every reply',
    requirement: 'Every reply MUST follow the Reply-line grammar: code 2-5/0-5/0-9, "-" on all lines but the last, one code per reply, one reply per command',
    level: 'MUST',
    catalog: ['5321-4.2.1-multiline-format', '5321-4.2-reply-code-range', '5321-4.2-space-after-code'],
    run: async (s, ctx) => {
      const log: Exchange[] = [{ command: 'greeting', outcomes: [s.greeting] }];
      const ok = (o: Outcome, ...codes: number[]) => o.kind === 'reply' && codes.includes(o.code);
      const cmd = (line: string) => exchange(s, log, line.split(' ')[0]!, () => s.send(line));
      if (ok(s.greeting, 220) && ok(await cmd(`EHLO ${ctx.heloName}`), 250) && ok(await cmd(`MAIL FROM:<${ctx.sender}>`), 250)) {
        if (ok(await cmd(`RCPT TO:<${ctx.rcpt}>`), 250, 251) && ok(await cmd('DATA'), 354)) {
          await s.sendRaw(Buffer.from(simpleMessage(ctx), 'utf8'));
          await exchange(s, log, 'end of data', async () => (await s.sendRaw('.\r\n'), s.read()));
        }
      }
      for (const line of ['RSET', 'NOOP', 'HELP', 'QUIT']) if (!s.isClosed) await cmd(line);

      const hard: string[] = [];
      const soft: string[] = [];
      let cut: string | undefined;
      for (const { command, outcomes } of log) {
        const [first, ...extra] = outcomes;
        if (extra.length > 0) hard.push(`${command}: ${outcomes.length} replies to one command (${outcomes.map(describeOutcome).join(' | ')})`);
        for (const o of outcomes) {
          if (o.kind === 'violation') hard.push(`${command}: ${o.detail}: "${escapeBytes(o.raw).slice(0, 200)}"`);
          else if (o.kind === 'reply') {
            for (const d of o.deviations) (SOFT.some((r) => r.test(d)) ? soft : hard).push(`${command}: ${d}: "${escapeBytes(o.raw).slice(0, 200)}"`);
          } else if (o.partial.length > 0) hard.push(`${command}: incomplete reply "${escapeBytes(o.partial).slice(0, 200)}" (${o.kind})`);
          else if (o === first && cut === undefined) cut = `${command}: ${describeOutcome(o)}`;
        }
      }
      const expected = ['every reply well-formed, one per command'];
      const actual = `${log.length} exchanges: ${log.map((e) => `${e.command} → ${e.outcomes.map((o) => (o.kind === 'reply' ? o.code : o.kind)).join('+')}`).join(', ')}`;
      if (hard.length > 0) return violation(expected, actual, hard.join('; '));
      if (soft.length > 0) return nonStrict(expected, actual, soft.join('; '));
      if (cut !== undefined) return inconclusive(expected, actual, `the dialog was cut short (${cut}); the replies seen were well-formed`);
      return pass(expected, actual);
    },
  }),
];
