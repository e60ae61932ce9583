import type { CheckContext } from './check.js';
import { handshake } from './dialog.js';
import { submitEnvelope } from './relay-envelope.js';
import { describeOutcome, type Outcome } from './session/outcome.js';
import { HarnessMisuse, type Session } from './session/session.js';
import { SetupFailed } from './setup.js';
import type { SinkAccess, SinkProfile, SinkTransaction } from './sink/types.js';

// Steps of the relay checks: submit a tagged message for a sink domain, then wait (bounded) for
// what reaches the sink - the relayed copy or the bounce. The check's token is in the recipient's
// local part and in the Message-ID, so that concurrent checks never take each other's mail.

export function sinkOf(ctx: CheckContext): SinkAccess {
  if (!ctx.sink) throw new HarnessMisuse("a check that uses the relay sink must declare needs: ['sink']");
  return ctx.sink;
}

/** `label-token`: what identifies one probe's mail at the sink (a check may send several probes). */
export function tagOf(ctx: CheckContext, label = 'relay'): string {
  return `${label}-${ctx.token}`;
}

/** A recipient at the sink profile's domain, tagged; `prefix` goes before the tag (e.g. UTF-8 text). */
export function sinkRecipient(ctx: CheckContext, profile: SinkProfile, label = 'relay', prefix = ''): string {
  return `${prefix}${tagOf(ctx, label)}@${sinkOf(ctx).domains[profile]}`;
}

/** A reverse-path at the bounce catcher with the same tag, so that the probe's bounce is recognised. */
export function bounceSender(ctx: CheckContext, label = 'relay'): string {
  return `${tagOf(ctx, label)}@${sinkOf(ctx).domains.bounce}`;
}

export type Submission =
  | { readonly accepted: true; readonly final: Outcome }
  | { readonly accepted: false; readonly step: string; readonly outcome: Outcome };

/**
 * EHLO (required), MAIL, RCPTs, DATA and `content` - sent exactly as given, so it must already be
 * dot-stuffed and end with CRLF - then the end of data. A refusal on the way is returned, not thrown:
 * for some requirements refusing the message is a conforming answer.
 */
export async function submitForRelay(
  s: Session,
  ctx: CheckContext,
  opts: { from: string; rcpts: readonly string[]; mailParams?: string; content: Buffer },
): Promise<Submission> {
  await handshake(s, ctx);
  return submitEnvelope(s, { from: opts.from, mailParams: opts.mailParams ? [opts.mailParams] : [], rcpts: opts.rcpts.map((address) => ({ address })), content: opts.content });
}

export interface Arrival {
  /** The relayed copy that reached a sink listener (not the bounce catcher). */
  readonly delivered: SinkTransaction | undefined;
  /** A transaction at the bounce catcher for this check's sender. */
  readonly bounce: SinkTransaction | undefined;
  readonly waitedMs: number;
}

/** Waits (at most the sink wait) for the first of: the relayed copy, or a bounce. */
export async function awaitRelayOrBounce(ctx: CheckContext, label = 'relay', timeoutMs?: number): Promise<Arrival> {
  const sink = sinkOf(ctx);
  const started = Date.now();
  const tag = tagOf(ctx, label);
  const first = await sink.waitFor((t) => tagged(t, tag), timeoutMs);
  const waitedMs = Date.now() - started;
  if (!first) return { delivered: undefined, bounce: undefined, waitedMs };
  return first.profile === 'bounce' ? { delivered: undefined, bounce: first, waitedMs } : { delivered: first, bounce: undefined, waitedMs };
}

/** Every sink transaction for this check so far, any probe (to spot a second, smuggled message). */
export function arrivalsFor(ctx: CheckContext): readonly SinkTransaction[] {
  return sinkOf(ctx).transactions().filter((t) => tagged(t, ctx.token) || t.mailFrom.includes(ctx.token));
}

function tagged(t: SinkTransaction, token: string): boolean {
  return t.rcpts.some((r) => r.address.includes(token)) || t.refusedRcpts.some((r) => r.includes(token));
}

/** "arrived after 12 ms" / "nothing arrived within 30000 ms", for verdicts. */
export function describeWait(ctx: CheckContext, a: Arrival): string {
  return a.delivered || a.bounce ? `arrived after ${a.waitedMs} ms` : `nothing arrived at the sink within ${sinkOf(ctx).waitMs} ms`;
}

/** Octet-exact comparison of what arrived with what was sent, for "content unchanged" checks. */
export function endsWith(data: Buffer, tail: Buffer): boolean {
  return data.length >= tail.length && data.subarray(data.length - tail.length).equals(tail);
}

/** RFC 5321 §4.5.2 applied to octets: one more dot on every line that starts with one. */
export function dotStuffOctets(content: Buffer): Buffer {
  return Buffer.from(content.toString('latin1').replace(/(^|\r\n)\./g, '$1..'), 'latin1');
}

export function describeRefusal(sub: Extract<Submission, { accepted: false }>): string {
  return `${sub.step}: ${describeOutcome(sub.outcome)}`;
}

/** A message tagged with the check's token: Message-ID and Subject carry it. Lines end with CRLF. */
export function taggedMessage(ctx: CheckContext, opts: { to: string; from?: string; headers?: string; body: string | Buffer }): Buffer {
  const head =
    `From: <${opts.from ?? ctx.sender}>\r\n` +
    `To: <${opts.to}>\r\n` +
    `Subject: smtpspec relay ${ctx.token}\r\n` +
    `Message-ID: <${ctx.token}@client.test>\r\n` +
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}\r\n` +
    (opts.headers ?? '') +
    '\r\n';
  return Buffer.concat([Buffer.from(head, 'utf8'), typeof opts.body === 'string' ? Buffer.from(opts.body, 'utf8') : opts.body]);
}

/** Where a refusal is not an answer to the requirement: the target does not relay to the sink. */
export function requireAccepted(sub: Submission): Extract<Submission, { accepted: true }> {
  if (!sub.accepted) throw new SetupFailed(sub.step, sub.outcome, 'acceptance for relay to the sink (are sink.test and bounce.test routed to it?)');
  return sub;
}
