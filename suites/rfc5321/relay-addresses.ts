import type { CheckContext } from '../../harness/check.js';
import { handshake } from '../../harness/dialog.js';
import { bounceSender, dotStuffOctets, sinkOf, taggedMessage } from '../../harness/relay.js';
import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { inconclusive, pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';

// Relays one message to several unusual recipient addresses and compares each with the path the
// sink received. Each address carries a marker of its own, so that a copy is found even when the
// relay changed the rest of the address.

export interface AddressProbe {
  /** Short name for the verdict ("quoted with space"). */
  readonly probe: string;
  /** The path as sent in RCPT TO, without the angle brackets. */
  readonly sent: string;
  /** A string the arrived address contains whatever the relay did to the rest (the marker). */
  readonly marker: string;
  /** Paths that are the same mailbox as `sent` (e.g. without unnecessary quotes). */
  readonly sameAs: readonly string[];
  /** Optional verdict for an arrived path outside sameAs; default: violation. */
  readonly judge?: (arrived: string, expected: readonly string[]) => Verdict | undefined;
}

/** RCPT refusals that say the syntax (or its length) is wrong, not that policy declines it. */
const SYNTAX_CODES = new Set([500, 501, 553]);

export function syntaxRefusal(o: Outcome): boolean {
  // A 5.7.x enhanced code says policy (e.g. "553 5.7.1 relaying denied"), whatever the basic code.
  return o.kind === 'reply' && SYNTAX_CODES.has(o.code) && !o.enhanced?.startsWith('5.7.');
}

function sameMailbox(a: string, b: string): boolean {
  const at = (x: string) => x.lastIndexOf('@');
  return a.slice(0, at(a)) === b.slice(0, at(b)) && a.slice(at(a)).toLowerCase() === b.slice(at(b)).toLowerCase();
}

export async function relayToAddresses(s: Session, ctx: CheckContext, label: string, probes: readonly AddressProbe[]): Promise<Verdict> {
  await handshake(s, ctx);
  const mail = await s.send(`MAIL FROM:<${bounceSender(ctx, label)}>`);
  if (mail.kind !== 'reply' || mail.code !== 250) return inconclusive([], describeOutcome(mail), 'MAIL was refused');
  const parts: Array<{ probe: string; verdict: Verdict }> = [];
  const accepted: AddressProbe[] = [];
  for (const p of probes) {
    const reply = await s.send(`RCPT TO:<${p.sent}>`);
    const expected = [`250, and <${p.sameAs[0] ?? p.sent}> at the sink`];
    if (reply.kind === 'reply' && reply.code >= 200 && reply.code < 300) accepted.push(p);
    else if (syntaxRefusal(reply)) parts.push({ probe: p.probe, verdict: violation(expected, `RCPT: ${describeOutcome(reply)}`, `<${p.sent}> was refused as if it were bad syntax or too long`) });
    else parts.push({ probe: p.probe, verdict: inconclusive(expected, `RCPT: ${describeOutcome(reply)}`, 'refused for a reason other than syntax (policy): what a relay does with it is not observable') });
  }
  if (accepted.length === 0) {
    await s.send('RSET');
    return worstOf(parts);
  }
  const data = await s.send('DATA');
  if (data.kind !== 'reply' || data.code !== 354) return worstOf([...parts, { probe: 'DATA', verdict: inconclusive(['354'], describeOutcome(data), 'DATA was refused') }]);
  await s.sendRaw(dotStuffOctets(taggedMessage(ctx, { to: accepted[0]!.sent, body: 'unusual recipient addresses\r\n' })));
  await s.sendRaw('.\r\n');
  const final = await s.read();
  if (final.kind !== 'reply' || final.code !== 250) return worstOf([...parts, { probe: 'end of data', verdict: inconclusive(['250'], describeOutcome(final), 'the message was refused') }]);
  const sink = sinkOf(ctx);
  for (const p of accepted) {
    const expected = [`<${p.sameAs.join('> or <')}> at the sink`];
    const t = await sink.waitFor((x) => x.rcpts.some((r) => r.address.includes(p.marker)) || x.refusedRcpts.some((r) => r.includes(p.marker)));
    const arrived = t?.rcpts.find((r) => r.address.includes(p.marker))?.address;
    if (arrived === undefined) {
      const bounced = sink.transactions().some((x) => x.profile === 'bounce' && x.rcpts.some((r) => r.address.includes(label)));
      parts.push({ probe: p.probe, verdict: inconclusive(expected, bounced ? 'bounced' : `nothing arrived within ${sink.waitMs} ms`, 'the copy for this recipient did not reach the sink') });
      continue;
    }
    const actual = `RCPT 250; at the sink <${arrived}>`;
    if (p.sameAs.some((x) => sameMailbox(x, arrived))) parts.push({ probe: p.probe, verdict: pass(expected, actual) });
    else parts.push({ probe: p.probe, verdict: p.judge?.(arrived, expected) ?? violation(expected, actual, `the address was changed on the way: <${p.sent}> arrived as <${arrived}>`) });
  }
  return worstOf(parts);
}
