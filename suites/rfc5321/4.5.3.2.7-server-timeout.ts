import type { Check } from '../../harness/check.js';
import { handshake } from '../../harness/dialog.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import { expectReply, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.5.3.2.7: while waiting for the next command the server SHOULD wait at least five
// minutes before it gives up. The check idles 290 s after EHLO, then sends NOOP: slow profile.

const IDLE_MS = 290_000;

/** The check with a given idle time (tests use a short one). */
export function serverTimeoutCheck(idleMs: number): Check {
  return defineCheck({
    id: 'rfc5321/4.5.3.2.7/server-timeout',
    title: `Sends EHLO, stays idle ${Math.round(idleMs / 1000)} s, then sends NOOP`,
    requirement: 'The server SHOULD wait at least 5 minutes for the next command: NOOP after 290 s idle gets 250',
    level: 'SHOULD',
    catalog: ['5321-4.5.3.2.7-server-timeout'],
    profile: 'slow',
    // The idle time, plus a minute for the handshake and the NOOP.
    timeoutMs: idleMs + 60_000,
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const started = Date.now();
      const state = await s.waitForClose(idleMs);
      const idle = `${Math.round((Date.now() - started) / 1000)} s`;
      if (state === 'closed') {
        const last = await s.read(0);
        return violation(['still open after the idle time'], `closed after ${idle} idle${last.kind === 'reply' ? ` (${describeOutcome(last)})` : ''}`, `the server closed the connection after ${idle} without a command, before 5 minutes`);
      }
      return expectReply(await s.send('NOOP'), { class: 'ok', preferred: [250] }, `NOOP after ${idle} idle`);
    },
  });
}

export const serverTimeoutChecks = [serverTimeoutCheck(IDLE_MS)];
