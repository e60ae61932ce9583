import type { CheckContext } from '../../harness/check.js';
import { describeWait, sinkOf, type Arrival } from '../../harness/relay.js';
import type { SinkTransaction } from '../../harness/sink/types.js';
import { inconclusive, pass, violation, type Verdict } from '../../harness/verdict.js';

// No notification is ever sent for a message with the null reverse-path (RFC 5321 §6.1, RFC 3461
// §5.2). Absence can only be observed for a bounded window: after the accepted copy reached the
// sink (proof that the target relayed the transaction), the bounce catcher is watched for a while.
// Not a check file: index.ts does not list it.

export interface NullSenderWatch {
  /** The recipient whose copy proves the relay. */
  readonly copyFor: string;
  readonly watchMs: number;
  /** What the forbidden message is called in the report: "notification", "DSN". */
  readonly noun: string;
}

/** Grades a relayed null-sender transaction: the copy arrived, and nothing for the check at the bounce catcher. */
export async function watchNoNotification(ctx: CheckContext, arrival: Arrival, w: NullSenderWatch): Promise<Verdict> {
  const sink = sinkOf(ctx);
  const expected = [`the copy for ${w.copyFor} at the sink, and no ${w.noun} at the bounce catcher within ${w.watchMs} ms after it`];
  const reason = `a ${w.noun} was sent for a message with the null reverse-path`;
  const notification = (t: SinkTransaction) => t.profile === 'bounce' && t.rcpts.some((r) => r.address.includes(ctx.token));
  const seen = (t: SinkTransaction) => `a ${w.noun} to <${t.rcpts[0]?.address}> from <${t.mailFrom}>`;
  const early = sink.transactions().find(notification);
  if (early) return violation(expected, seen(early), reason);
  if (!arrival.delivered) return inconclusive(expected, describeWait(ctx, arrival), 'the accepted copy did not reach the sink, so the relay attempt was not observed');
  const late = await sink.waitFor(notification, w.watchMs);
  if (late) return violation(expected, `${describeWait(ctx, arrival)}; ${seen(late)}`, reason);
  return pass(expected, `${describeWait(ctx, arrival)}; no ${w.noun} within ${w.watchMs} ms after the copy (absence within a bounded window)`);
}
