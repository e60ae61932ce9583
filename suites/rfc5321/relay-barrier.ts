import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckContext } from '../../harness/check.js';
import { handshake } from '../../harness/dialog.js';
import { awaitRelayOrBounce, bounceSender, dotStuffOctets, requireAccepted, sinkOf, sinkRecipient, submitForRelay, taggedMessage, tagOf, type Arrival } from '../../harness/relay.js';
import type { Session } from '../../harness/session/session.js';
import type { SinkTransaction } from '../../harness/sink/types.js';

// "Nothing arrived" can only be observed for a bounded time. These checks bound it with a barrier:
// a clean message submitted after the probe, on a connection of its own. Once the barrier has
// arrived, a probe the target did relay would normally be there too (a queue delivers in order);
// a grace period, at least as long as the barrier took, covers a queue that delivers in parallel.

const MIN_GRACE_MS = 250;

export interface Barrier {
  /** The barrier's own arrival; undefined when it never came (the absence then means nothing). */
  readonly arrival: Arrival | undefined;
  /** "barrier arrived after 12 ms, then 250 ms of grace" */
  readonly summary: string;
}

/** Submits the barrier message, waits for it and then for the grace period. */
export async function passBarrier(ctx: CheckContext, label = 'barrier'): Promise<Barrier> {
  const s = await ctx.connect();
  const started = Date.now();
  try {
    const to = sinkRecipient(ctx, 'full', label);
    const content = dotStuffOctets(taggedMessage(ctx, { to, body: 'a barrier: sent after the probe\r\n' }));
    requireAccepted(await submitForRelay(s, ctx, { from: bounceSender(ctx, label), rcpts: [to], content }));
    await s.quit();
  } finally {
    s.close();
  }
  const arrival = await awaitRelayOrBounce(ctx, label);
  if (!arrival.delivered && !arrival.bounce) return { arrival: undefined, summary: `the barrier message sent after the probe did not arrive within ${sinkOf(ctx).waitMs} ms` };
  const grace = Math.max(MIN_GRACE_MS, Date.now() - started);
  await sleep(grace);
  return { arrival, summary: `a barrier message sent after the probe arrived after ${Date.now() - started - grace} ms; watched ${grace} ms more` };
}

/** Everything at the sink (relayed copies and bounces) for the probe with this label. */
export function probeArrivals(ctx: CheckContext, label: string): SinkTransaction[] {
  const tag = tagOf(ctx, label);
  return sinkOf(ctx)
    .transactions()
    .filter((t) => t.mailFrom.includes(tag) || t.rcpts.some((r) => r.address.includes(tag)));
}

/** "a copy at sink.test (seq 4), a bounce" */
export function describeArrivals(found: readonly SinkTransaction[]): string {
  if (found.length === 0) return 'nothing';
  return found.map((t) => (t.profile === 'bounce' ? `a notification to <${t.rcpts[0]?.address ?? ''}> from <${t.mailFrom}>` : `a copy to <${t.rcpts.map((r) => r.address).join('>, <')}>`)).join('; ');
}

/** MAIL (with the tagged bounce sender) and RCPTs, each reply returned; the session must be greeted. */
export async function envelope(s: Session, ctx: CheckContext, opts: { label: string; rcpts: readonly string[]; mailParams?: string; ehlo?: boolean }) {
  if (opts.ehlo !== false) await handshake(s, ctx);
  const mail = await s.send(`MAIL FROM:<${bounceSender(ctx, opts.label)}>${opts.mailParams ? ` ${opts.mailParams}` : ''}`);
  const rcpts = [];
  for (const r of opts.rcpts) rcpts.push(await s.send(`RCPT TO:<${r}>`));
  return { mail, rcpts };
}
