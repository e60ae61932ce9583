import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { simpleMessage } from '../../harness/dialog.js';
import { inconclusive, pass, violation, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { SUBMISSION_SERVER, authenticatedSubmission } from './support.js';

// RFC 6409 §5.3: a submission server SHOULD answer every command, the end of the data included,
// within 2 minutes. The run's reply timeout bounds each wait; a reply it did not see is not
// proof of a slow server unless the timeout is at least the 2 minutes.

const LIMIT_MS = 120_000;
/** Large enough that end-of-data work (scanning, signing) shows, small enough for a default run. */
const BODY_OCTETS = 256 * 1024;

async function timed(s: Session, send: () => Promise<void>): Promise<{ outcome: Outcome; ms: number }> {
  const started = Date.now();
  await send();
  const outcome = await s.read();
  return { outcome, ms: Date.now() - started };
}

export const responseTimeChecks = [
  defineCheck({
    id: 'rfc6409/5.3/response-time',
    title: 'Authenticated: times the replies to MAIL, RCPT, DATA and the end of a 256 KB message',
    requirement: 'The submission server SHOULD answer every command, including the final dot, in less than 2 minutes',
    level: 'SHOULD',
    catalog: ['6409-5.3-response-time'],
    needs: ['auth'],
    appliesTo: SUBMISSION_SERVER,
    run: async (s, ctx) => {
      const skipped = await authenticatedSubmission(s, ctx);
      if (skipped) return skipped;
      const line = `${'x'.repeat(76)}\r\n`;
      const body = line.repeat(Math.ceil(BODY_OCTETS / line.length));
      const steps: Array<[string, () => Promise<void>, number[]]> = [
        [`MAIL FROM:<${ctx.rcpt}>`, () => s.sendRaw(`MAIL FROM:<${ctx.rcpt}>\r\n`), [250]],
        [`RCPT TO:<${ctx.rcpt}>`, () => s.sendRaw(`RCPT TO:<${ctx.rcpt}>\r\n`), [250, 251]],
        ['DATA', () => s.sendRaw('DATA\r\n'), [354]],
        ['end of data', () => s.sendRaw(Buffer.from(simpleMessage(ctx, body) + '.\r\n', 'utf8')), [250]],
      ];
      const times: string[] = [];
      for (const [what, send, codes] of steps) {
        const { outcome, ms } = await timed(s, send);
        times.push(`${what}: ${ms} ms`);
        if (outcome.kind === 'timeout') return slow(what, s.options.replyTimeoutMs, times);
        if (outcome.kind !== 'reply' || !codes.includes(outcome.code)) {
          return inconclusive([`every reply within ${LIMIT_MS / 1000} s`], `${times.join(', ')}; ${what}: ${describeOutcome(outcome)}`, `the submission stopped at ${what}`);
        }
      }
      return pass([`every reply within ${LIMIT_MS / 1000} s`], times.join(', '));
    },
  }),
];

function slow(what: string, timeoutMs: number, times: readonly string[]): Verdict {
  const expected = [`every reply within ${LIMIT_MS / 1000} s`];
  if (timeoutMs >= LIMIT_MS) return violation(expected, times.join(', '), `no reply to ${what} within ${timeoutMs} ms`);
  return inconclusive(expected, times.join(', '), `no reply to ${what} within the reply timeout (${timeoutMs} ms); give --timeout 120000 or more to measure the 2-minute limit`);
}
