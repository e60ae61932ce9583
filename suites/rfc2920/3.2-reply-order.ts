import type { CheckContext } from '../../harness/check.js';
import { handshake, nonexistentMailbox, simpleMessage } from '../../harness/dialog.js';
import { describeOutcome, replyClass, type Outcome, type ReplyClass } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { required } from '../../harness/setup.js';
import { inconclusive, nonStrict, pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 2920 §3.2: how a server treats a pipelined group - replies in command order (1), DATA
// accepted if and only if some RCPT was (3, and the §1 list of broken servers), no input lost
// after a failing command and no guessing about commands not yet received (8, 9).

type Want = ReplyClass | 'refusal';

const matches = (o: Outcome, want: Want): boolean => {
  if (o.kind !== 'reply') return false;
  const cls = replyClass(o.code);
  return want === 'refusal' ? cls === 'tempfail' || cls === 'permfail' : cls === want;
};

const describeWant = (w: Want): string => ({ ok: '2xx', intermediate: '354', tempfail: '4xx', permfail: '5xx', refusal: '4xx/5xx' })[w];

/** Sends the group in one write; the MAIL must succeed (else the group says nothing). */
async function group(s: Session, ctx: CheckContext, lines: string[]): Promise<Outcome[]> {
  await handshake(s, ctx);
  const replies = await s.pipeline(lines);
  required(replies[0] ?? { kind: 'timeout', afterMs: 0, partial: Buffer.alloc(0) }, lines[0]!, [250]);
  return replies;
}

/** One verdict for a whole group: the reply classes by position, never by text. */
function byPosition(lines: readonly string[], replies: readonly Outcome[], wants: readonly Want[]): Verdict {
  const expected = lines.map((l, i) => `${l}: ${describeWant(wants[i]!)}`);
  const actual = lines.map((l, i) => `${l}: ${replies[i] ? describeOutcome(replies[i]!) : 'nothing'}`).join('; ');
  const wrong = lines.findIndex((_, i) => !replies[i] || !matches(replies[i]!, wants[i]!));
  if (wrong === -1) return pass(expected, actual);
  return violation(expected, actual, `reply ${wrong + 1} (to ${lines[wrong]}) is ${replies[wrong] ? describeOutcome(replies[wrong]!) : 'missing'}, expected ${describeWant(wants[wrong]!)}`);
}

export const replyOrderChecks = [
  // §3.2 (1): "MUST send responses in the order the commands were received". A refused recipient
  // between two accepted ones makes an out-of-order reply visible.
  defineCheck({
    id: 'rfc2920/3.2/in-order-replies',
    title: 'Pipelines MAIL, RCPT (valid), RCPT (unknown), RCPT (postmaster), DATA in one write',
    requirement: 'The server MUST answer in command order: 250, 250, 4xx/5xx, 250, 354',
    level: 'MUST',
    catalog: ['2920-3.2-in-order-replies'],
    requires: ['PIPELINING'],
    run: async (s, ctx) => {
      const lines = [`MAIL FROM:<${ctx.sender}>`, `RCPT TO:<${ctx.rcpt}>`, `RCPT TO:<${nonexistentMailbox(ctx)}>`, `RCPT TO:<postmaster@${ctx.localDomain}>`, 'DATA'];
      const replies = await group(s, ctx, lines);
      const verdict = byPosition(lines, replies, ['ok', 'ok', 'refusal', 'ok', 'intermediate']);
      // A server that accepts unknown recipients (and bounces later) hides the order of the RCPTs.
      const allAccepted = byPosition(lines, replies, ['ok', 'ok', 'ok', 'ok', 'intermediate']).kind === 'pass';
      if (verdict.kind === 'violation' && allAccepted) {
        return inconclusive(verdict.expected, verdict.actual, 'the server accepted the unknown recipient, so the order of the RCPT replies cannot be told apart');
      }
      return verdict;
    },
  }),

  // §3.2 (8), (9): never flush the input buffer (not even after a failing command) and make no
  // assumptions about commands not yet received.
  defineCheck({
    id: 'rfc2920/3.2/keep-input-on-error',
    title: 'Pipelines MAIL, RCPT with a malformed address, RCPT (valid), DATA in one write',
    requirement: 'The server MUST NOT discard the input after the failing RCPT: 250, 4xx/5xx, 250, 354',
    level: 'MUST NOT',
    catalog: ['2920-3.2-keep-input-on-error'],
    requires: ['PIPELINING'],
    run: async (s, ctx) => {
      const lines = [`MAIL FROM:<${ctx.sender}>`, 'RCPT TO:<bad address>', `RCPT TO:<${ctx.rcpt}>`, 'DATA'];
      const replies = await group(s, ctx, lines);
      const verdict = byPosition(lines, replies, ['ok', 'refusal', 'ok', 'intermediate']);
      const data = replies[3];
      if (data?.kind === 'reply' && data.code === 354) {
        // Finish the message, as a client would.
        await s.sendRaw(Buffer.from(simpleMessage(ctx) + '.\r\n', 'utf8'));
        await s.read();
      }
      return verdict;
    },
  }),

  // §3.2 (3) and §1 (3): DATA gets a positive reply if and only if at least one RCPT succeeded -
  // not "if the last RCPT succeeded", and not "always".
  defineCheck({
    id: 'rfc2920/3.2/data-only-with-valid-rcpt',
    title: 'Pipelines MAIL, RCPT (valid), RCPT (unknown), DATA; then, on a new connection, MAIL, two unknown RCPTs, DATA',
    requirement: 'DATA SHOULD get 354 when some RCPT was accepted and 503/554 when none was',
    level: 'SHOULD',
    catalog: ['2920-3.2-data-only-with-valid-rcpt'],
    requires: ['PIPELINING'],
    run: async (s, ctx) => {
      const someLines = [`MAIL FROM:<${ctx.sender}>`, `RCPT TO:<${ctx.rcpt}>`, `RCPT TO:<${nonexistentMailbox(ctx)}>`, 'DATA'];
      const some = await group(s, ctx, someLines);
      const someVerdict = gradeData(some, 'some', 'the last RCPT failed but an earlier one succeeded');
      const second = await ctx.connect();
      const noneLines = [`MAIL FROM:<${ctx.sender}>`, `RCPT TO:<nobody1-${ctx.token}@${ctx.localDomain}>`, `RCPT TO:<nobody2-${ctx.token}@${ctx.localDomain}>`, 'DATA'];
      const none = await group(second, ctx, noneLines);
      // A 354 here is left unanswered: the connection closes and nothing can be delivered.
      const noneVerdict = matches(none[1] ?? none[0]!, 'ok') || matches(none[2] ?? none[0]!, 'ok')
        ? inconclusive(['both unknown recipients refused'], describeOutcomes(none), 'the server accepts unknown recipients, so no group without a valid RCPT could be made')
        : gradeData(none, 'none', 'every RCPT failed');
      return worstOf([
        { probe: 'one RCPT accepted', verdict: someVerdict },
        { probe: 'no RCPT accepted', verdict: noneVerdict },
      ]);
    },
  }),
];

function describeOutcomes(os: readonly Outcome[]): string {
  return os.map(describeOutcome).join(', ');
}

/** Grades the reply to DATA (the 4th of the group) by whether an RCPT was accepted. */
function gradeData(replies: readonly Outcome[], accepted: 'some' | 'none', situation: string): Verdict {
  const data = replies[3];
  const actual = describeOutcomes(replies);
  if (!data) return violation(['a reply to DATA'], actual, 'no reply to DATA');
  if (accepted === 'some') {
    return matches(data, 'intermediate')
      ? pass(['354'], actual)
      : violation(['354'], actual, `DATA got ${describeOutcome(data)} although ${situation}`);
  }
  if (data.kind === 'reply' && (data.code === 503 || data.code === 554)) return pass(['503', '554'], actual);
  if (matches(data, 'refusal')) return nonStrict(['503', '554'], actual, `DATA refused with ${data.kind === 'reply' ? data.code : ''}; RFC 5321 §3.3 names 503 or 554`);
  return violation(['503', '554'], actual, `DATA got ${describeOutcome(data)} although ${situation}`);
}
