import type { CheckContext } from '../../harness/check.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { required } from '../../harness/setup.js';
import { inconclusive, pass, violation, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { awaitWithoutMoreInput, flushWindow, timedEhlo, type Withheld } from './support.js';

// RFC 2920 §3.2 (5)-(7): replies to commands that end a group (EHLO, DATA, VRFY, EXPN, TURN, QUIT,
// NOOP, unknown commands) MUST NOT be buffered, and every pending reply MUST be sent as soon as
// the input buffer runs empty - otherwise client and server wait for each other forever.
// Timing: the wait is ten EHLO round trips (at least 1 s); a reply that is missing then and
// appears only after a NOOP nudge was withheld; one that never appears proves nothing.

/** EHLO (timed), and the window to apply; undefined when the server is too slow to measure. */
async function calibrate(s: Session, ctx: CheckContext): Promise<number | undefined> {
  required(s.greeting, 'greeting', [220]);
  const { reply, ms } = await timedEhlo(s, ctx.heloName);
  required(reply, `EHLO ${ctx.heloName}`);
  return flushWindow(ms, s.options.replyTimeoutMs);
}

const tooSlow = (s: Session): Verdict =>
  inconclusive(['replies without further input'], 'EHLO itself was slow', `ten EHLO round trips exceed the reply timeout (${s.options.replyTimeoutMs} ms); raise --timeout to measure`);

/** Grades one measurement: complete → pass; replies that only the nudge released → violation. */
function grade(what: string, w: Withheld, windowMs: number, expected: string): Verdict {
  const got = w.replies.map(describeOutcome);
  const later = w.afterNudge.map(describeOutcome);
  const actual = [got.length ? got.join(', ') : 'nothing', later.length ? `after a NOOP: ${later.join(', ')}` : ''].filter(Boolean).join('; ');
  switch (w.result) {
    case 'complete':
      return pass([expected], actual);
    case 'withheld':
      return violation([expected], actual, `${what}: no reply within ${windowMs} ms; it came only after more input (a NOOP) was sent`);
    case 'silent':
      return inconclusive([expected], actual, `${what}: no reply within ${windowMs} ms, nor after a NOOP; the server may be slow or stuck`);
  }
}

export const flushingChecks = [
  // §3.2 (5), (6): NOOP, VRFY and unknown commands each end a group; their replies go out at once.
  defineCheck({
    id: 'rfc2920/3.2/no-buffering-of-sync-commands',
    title: 'Sends NOOP, then an unknown verb, then VRFY postmaster, each alone, and waits for each reply without sending more',
    requirement: 'The server MUST NOT hold back the replies to NOOP, VRFY and unknown commands',
    level: 'MUST NOT',
    catalog: ['2920-3.2-no-buffering-of-sync-commands'],
    requires: ['PIPELINING'],
    run: async (s, ctx) => {
      const windowMs = await calibrate(s, ctx);
      if (windowMs === undefined) return tooSlow(s);
      const passed: string[] = [];
      for (const line of ['NOOP', 'XYZZYNOSUCHCMD', 'VRFY postmaster']) {
        await s.sendRaw(`${line}\r\n`);
        const w = await awaitWithoutMoreInput(s, 1, windowMs);
        const verdict = grade(line, w, windowMs, `a reply to ${line} without further input`);
        if (verdict.kind !== 'pass') return verdict;
        passed.push(`${line}: ${describeOutcome(w.replies[0]!)}`);
      }
      return pass(['each reply without further input'], passed.join('; '));
    },
  }),

  // §3.2 (7): a group that ends on RCPT - the server may collect the three replies but MUST send
  // them once it has read everything there is.
  defineCheck({
    id: 'rfc2920/3.2/flush-when-input-empty',
    title: 'Pipelines RSET, MAIL, RCPT in one write and sends nothing more',
    requirement: 'The server MUST send the three pending replies as soon as its input is empty',
    level: 'MUST',
    catalog: ['2920-3.2-flush-when-input-empty'],
    requires: ['PIPELINING'],
    run: async (s, ctx) => {
      const windowMs = await calibrate(s, ctx);
      if (windowMs === undefined) return tooSlow(s);
      if (!s.has('PIPELINING')) return inconclusive(['PIPELINING in this EHLO reply'], 'not advertised here', 'the server did not advertise PIPELINING on this connection');
      await s.sendRaw(['RSET', `MAIL FROM:<${ctx.sender}>`, `RCPT TO:<${ctx.rcpt}>`].map((l) => `${l}\r\n`).join(''));
      const w = await awaitWithoutMoreInput(s, 3, windowMs);
      return grade('RSET, MAIL, RCPT', w, windowMs, 'three replies without further input');
    },
  }),
];
