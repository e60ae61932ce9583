import type { CheckContext } from '../../harness/check.js';
import { awaitRelayOrBounce, describeRefusal, describeWait, type Arrival, type Submission } from '../../harness/relay.js';
import type { SinkTransaction } from '../../harness/sink/types.js';
import { inconclusive, pass, type Verdict } from '../../harness/verdict.js';

// RFC 6531 §3.2 and RFC 6532 §3: an internationalized message for a next hop without SMTPUTF8 is
// refused or bounced. Shared by rfc6531/3.2/no-silent-downgrade and rfc6532/3. Not a check file:
// index.ts does not list it.

/**
 * Settles a submission for the hop without SMTPUTF8 where it can: refused for good (5xx) or
 * bounced passes, neither refused nor taken or nothing observed is inconclusive. Otherwise returns
 * the copy that reached the hop, for the caller to inspect.
 */
export async function refusedOrBounced(
  ctx: CheckContext,
  sub: Submission,
  label: string,
  expected: readonly string[],
): Promise<{ readonly verdict: Verdict } | { readonly copy: SinkTransaction; readonly arrival: Arrival }> {
  if (!sub.accepted) {
    if (sub.outcome.kind === 'reply' && sub.outcome.code >= 500) return { verdict: pass(expected, `refused: ${describeRefusal(sub)}`) };
    return { verdict: inconclusive(expected, describeRefusal(sub), 'the message was neither accepted nor refused for good') };
  }
  const arrival = await awaitRelayOrBounce(ctx, label);
  if (arrival.bounce) return { verdict: pass(expected, `bounced to the sender (${describeWait(ctx, arrival)})`) };
  if (!arrival.delivered) return { verdict: inconclusive(expected, describeWait(ctx, arrival), 'neither the message nor a bounce arrived (still queued, or lost without notice)') };
  return { copy: arrival.delivered, arrival };
}
