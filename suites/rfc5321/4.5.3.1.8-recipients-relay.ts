import type { CheckContext } from '../../harness/check.js';
import { handshake } from '../../harness/dialog.js';
import { bounceSender, dotStuffOctets, sinkOf, tagOf, taggedMessage } from '../../harness/relay.js';
import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { required } from '../../harness/setup.js';
import { inconclusive, pass, violation, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.5.3.1.8: a server buffers at least 100 recipients per transaction, and one with a
// lower-than-asked limit behaves in an orderly way - it refuses the extra recipients (452, §4.5.3.1.10)
// and delivers every one it accepted. The RCPTs go in groups when PIPELINING is offered.

const GROUP = 50;
/** orderly-limit: stop after this many refusals in a row, or at this many recipients. */
const STOP_AFTER_REFUSALS = 5;
const MAX_RCPTS = 1500;

const isOk = (o: Outcome) => o.kind === 'reply' && o.code >= 200 && o.code < 300;

interface Sent {
  readonly accepted: string[];
  readonly refused: Array<{ rcpt: string; index: number; outcome: Outcome }>;
}

/** Sends RCPTs (grouped when pipelining) until `count` or `stopAfter` refusals in a row. */
async function sendRecipients(s: Session, rcpts: readonly string[], stopAfter: number): Promise<Sent> {
  const sent: Sent = { accepted: [], refused: [] };
  let inARow = 0;
  for (let i = 0; i < rcpts.length && inARow < stopAfter; ) {
    const group = s.has('PIPELINING') ? rcpts.slice(i, i + GROUP) : [rcpts[i]!];
    const replies = s.has('PIPELINING') ? await s.pipeline(group.map((r) => `RCPT TO:<${r}>`)) : [await s.send(`RCPT TO:<${group[0]}>`)];
    replies.forEach((o, k) => {
      if (isOk(o)) {
        sent.accepted.push(group[k]!);
        inARow = 0;
      } else {
        sent.refused.push({ rcpt: group[k]!, index: i + k, outcome: o });
        inARow++;
      }
    });
    if (replies.length < group.length) break;
    i += group.length;
  }
  return sent;
}

/** Waits (at most the sink wait) until every address in `want` has arrived; returns those that did. */
async function arrivedRecipients(ctx: CheckContext, tag: string, want: readonly string[]): Promise<Set<string>> {
  const sink = sinkOf(ctx);
  const seen = () => new Set(sink.transactions().filter((t) => t.profile !== 'bounce').flatMap((t) => t.rcpts.map((r) => r.address.toLowerCase())).filter((a) => a.includes(tag)));
  const deadline = Date.now() + sink.waitMs;
  for (;;) {
    const got = seen();
    const missing = want.filter((a) => !got.has(a.toLowerCase()));
    if (missing.length === 0 || Date.now() >= deadline) return got;
    // Wakes at the next arrival for a missing address (or at the deadline).
    await sink.waitFor((t) => t.rcpts.some((r) => missing.includes(r.address)), Math.max(1, deadline - Date.now()));
  }
}

async function manyRecipients(s: Session, ctx: CheckContext, label: string, count: number, stopAfter: number): Promise<{ sent: Sent; final: Outcome | undefined; arrived: Set<string> }> {
  await handshake(s, ctx);
  required(await s.send(`MAIL FROM:<${bounceSender(ctx, label)}>`), 'MAIL');
  const tag = tagOf(ctx, label);
  const domain = sinkOf(ctx).domains.full;
  const rcpts = Array.from({ length: count }, (_, n) => `r${n + 1}-${tag}@${domain}`);
  const sent = await sendRecipients(s, rcpts, stopAfter);
  if (sent.accepted.length === 0) return { sent, final: undefined, arrived: new Set() };
  required(await s.send('DATA'), 'DATA', [354]);
  await s.sendRaw(dotStuffOctets(taggedMessage(ctx, { to: sent.accepted[0]!, body: `a message for ${sent.accepted.length} recipients\r\n` })));
  await s.sendRaw('.\r\n');
  const final = await s.read();
  const arrived = isOk(final) ? await arrivedRecipients(ctx, tag, sent.accepted) : new Set<string>();
  return { sent, final, arrived };
}

function missingOf(sent: Sent, arrived: Set<string>): string[] {
  return sent.accepted.filter((a) => !arrived.has(a.toLowerCase()));
}

export const recipientsRelayChecks = [
  defineCheck({
    id: 'rfc5321/4.5.3.1.8/100-recipients',
    title: 'Relays one message to 100 recipients at the sink in one transaction',
    requirement: 'The server MUST accept 100 recipients in a transaction and deliver to every one of them',
    level: 'MUST',
    catalog: ['5321-4.5.3.1.8-100-recipients'],
    needs: ['sink'],
    run: async (s, ctx): Promise<Verdict> => {
      const { sent, final, arrived } = await manyRecipients(s, ctx, 'r100', 100, 100);
      const expected = ['100 × 250, 250 to the end of data, 100 distinct recipients at the sink'];
      const refusedFor = sent.refused.map((r) => `RCPT ${r.index + 1}: ${describeOutcome(r.outcome)}`);
      const limit = sent.refused.find((r) => r.outcome.kind === 'reply' && ([452, 552].includes(r.outcome.code) || r.outcome.enhanced === '5.5.3' || r.outcome.enhanced === '4.5.3'));
      if (limit) return violation(expected, refusedFor.slice(0, 3).join('; '), `a recipient limit was applied at RCPT ${limit.index + 1}, before the 100 the RFC requires`);
      if (sent.refused.length > 0) return inconclusive(expected, refusedFor.slice(0, 3).join('; '), 'recipients were refused for a reason other than their number');
      if (!final || !isOk(final)) return violation(expected, `end of data: ${final ? describeOutcome(final) : '-'}`, 'the message for 100 recipients was refused');
      const missing = missingOf(sent, arrived);
      const actual = `100 × 250; end of data ${describeOutcome(final)}; ${arrived.size} recipients at the sink`;
      if (missing.length > 0) return violation(expected, actual, `${missing.length} accepted recipients never arrived (first: <${missing[0]}>)`);
      return pass(expected, actual);
    },
  }),

  defineCheck({
    id: 'rfc5321/4.5.3.1.8/orderly-limit',
    title: `Sends up to ${MAX_RCPTS} RCPTs at the sink in one transaction (stopping after ${STOP_AFTER_REFUSALS} refusals in a row), then the message`,
    requirement: 'A server with a recipient limit MUST refuse the extra recipients, and MUST deliver to every recipient it accepted',
    level: 'MUST',
    catalog: ['5321-4.5.3.1.8-orderly-limit'],
    needs: ['sink'],
    run: async (s, ctx): Promise<Verdict> => {
      const { sent, final, arrived } = await manyRecipients(s, ctx, 'rmax', MAX_RCPTS, STOP_AFTER_REFUSALS);
      const expected = ['every recipient that got 250 at the sink'];
      const summary = `${sent.accepted.length} RCPTs accepted, ${sent.refused.length} refused${sent.refused[0] ? ` (first: RCPT ${sent.refused[0].index + 1} ${describeOutcome(sent.refused[0].outcome)})` : ''}`;
      if (!final) return inconclusive(expected, summary, 'no recipient was accepted');
      if (!isOk(final)) return inconclusive(expected, `${summary}; end of data ${describeOutcome(final)}`, 'the message was refused');
      const missing = missingOf(sent, arrived);
      const actual = `${summary}; end of data ${describeOutcome(final)}; ${arrived.size} recipients at the sink`;
      if (missing.length > 0) return violation(expected, actual, `${missing.length} accepted recipients never arrived (first: <${missing[0]}>): extra recipients were dropped instead of refused`);
      return pass(expected, actual);
    },
  }),
];
