import type { CheckContext } from './check.js';
import { handshake } from './dialog.js';
import type { Outcome } from './session/outcome.js';
import type { Session } from './session/session.js';
import { headerFields } from './sink/mime.js';
import type { SinkTransaction } from './sink/types.js';
import type { Submission } from './relay.js';

// Relay steps with ESMTP parameters on the envelope (RFC 3461 DSN, RFC 4954 AUTH=, RFC 3030
// BDAT) and the reading of delivery status notifications that reach the bounce catcher.

export interface EnvelopeRcpt {
  readonly address: string;
  /** ESMTP parameters of the RCPT command, e.g. "NOTIFY=SUCCESS" (sent after one space each). */
  readonly params?: readonly string[];
}

/** MAIL, the RCPTs and DATA with `content` (dot-stuffed, CRLF-terminated) on an open, greeted session. */
export async function submitEnvelope(
  s: Session,
  opts: { from: string; mailParams?: readonly string[]; rcpts: readonly EnvelopeRcpt[]; content: Buffer },
): Promise<Submission> {
  const mail = `MAIL FROM:<${opts.from}>${(opts.mailParams ?? []).map((p) => ` ${p}`).join('')}`;
  const m = await s.send(mail);
  if (!isOk(m)) return { accepted: false, step: mail, outcome: m };
  for (const r of opts.rcpts) {
    const line = `RCPT TO:<${r.address}>${(r.params ?? []).map((p) => ` ${p}`).join('')}`;
    const reply = await s.send(line);
    if (!isOk(reply)) return { accepted: false, step: line, outcome: reply };
  }
  const d = await s.send('DATA');
  if (d.kind !== 'reply' || d.code !== 354) return { accepted: false, step: 'DATA', outcome: d };
  await s.sendRaw(opts.content);
  await s.sendRaw('.\r\n');
  const final = await s.read();
  if (!isOk(final)) return { accepted: false, step: 'end of data', outcome: final };
  return { accepted: true, final };
}

/** EHLO, then submitEnvelope. */
export async function submitWithParams(s: Session, ctx: CheckContext, opts: Parameters<typeof submitEnvelope>[1]): Promise<Submission> {
  await handshake(s, ctx);
  return submitEnvelope(s, opts);
}

/** The value of an ESMTP parameter (keyword case-insensitive); undefined when absent, '' without a value. */
export function paramValue(params: readonly string[], keyword: string): string | undefined {
  const p = params.find((x) => x.split('=')[0]!.toUpperCase() === keyword.toUpperCase());
  if (p === undefined) return undefined;
  const eq = p.indexOf('=');
  return eq === -1 ? '' : p.slice(eq + 1);
}

/** One per-recipient block of a message/delivery-status part (RFC 3464 §2.3): field name (lower case) → value. */
export type DsnRecipient = ReadonlyMap<string, string>;

/**
 * The Action field is structured (RFC 3464 §2.3.3 with RFC 822 comments, §2.1.1): Sendmail writes
 * "relayed (to non-DSN-aware mailer)", whose action is "relayed".
 */
function withoutComments(value: string): string {
  let v = value;
  for (let prev = ''; prev !== v; ) [prev, v] = [v, v.replace(/\([^()]*\)/g, ' ')];
  return v.replace(/\s+/g, ' ').trim();
}

/** The per-recipient blocks of a DSN (those with both a Final-Recipient and an Action field), from the raw message. */
export function dsnRecipients(t: SinkTransaction): DsnRecipient[] {
  const text = t.content.toString('latin1');
  const blocks = text.split(/\r\n\r\n/);
  const out: DsnRecipient[] = [];
  for (const block of blocks) {
    const fields = headerFields(Buffer.from(block.endsWith('\r\n') ? block : `${block}\r\n`, 'latin1'));
    const map = new Map(fields.map((f) => [f.name.toLowerCase(), f.name.toLowerCase() === 'action' ? withoutComments(f.value) : f.value.trim()]));
    if (map.has('final-recipient') && map.has('action')) out.push(map);
  }
  return out;
}

/** Whether the report names `address` as its Final- or Original-Recipient (any case). */
export function reportsOn(r: DsnRecipient, address: string): boolean {
  const a = address.toLowerCase();
  return [r.get('final-recipient'), r.get('original-recipient')].some((v) => v?.toLowerCase().includes(a));
}

function isOk(o: Outcome): boolean {
  return o.kind === 'reply' && o.code >= 200 && o.code < 300;
}
