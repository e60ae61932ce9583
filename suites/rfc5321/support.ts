import { isIP } from 'node:net';
import { escapeBytes } from '../../harness/session/escape.js';
import { describeOutcome, type Outcome, type Reply } from '../../harness/session/outcome.js';
import type { CheckContext } from '../../harness/check.js';
import { simpleMessage } from '../../harness/dialog.js';
import type { Session } from '../../harness/session/session.js';
import { SetupFailed } from '../../harness/setup.js';
import { expectReply, type Verdict } from '../../harness/verdict.js';

// Helpers shared by the RFC 5321 checks: the RFC's ABNF for domains and address literals, a
// seeded PRNG for the random-case probes, and small grading aids.

/**
 * Whether `token` is an address literal or a fully-qualified domain (at least two labels): §2.3.5
 * says the domains used in SMTP are FQDNs, so a single label ("ESMTP", "localhost") is only a local
 * alias, although it matches the Domain ABNF.
 */
export function isFqdnOrAddressLiteral(token: string): boolean {
  return isDomainOrAddressLiteral(token) && (token.startsWith('[') || token.includes('.'));
}

/** RFC 5321 §4.1.2: sub-domain = Let-dig [Ldh-str]; Domain = sub-domain *("." sub-domain). */
const DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
/** RFC 5321 §4.1.3: General-address-literal = Standardized-tag ":" 1*dcontent. */
const GENERAL_LITERAL = /^[A-Za-z0-9-]*[A-Za-z0-9]:[\x21-\x5a\x5e-\x7e]+$/;

/** Whether `token` is a Domain or an address-literal (RFC 5321 §4.1.2, §4.1.3). */
export function isDomainOrAddressLiteral(token: string): boolean {
  if (DOMAIN.test(token)) return true;
  if (!token.startsWith('[') || !token.endsWith(']')) return false;
  const inner = token.slice(1, -1);
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(inner)) return isIP(inner) === 4;
  if (/^IPv6:/i.test(inner)) return isIP(inner.slice(5)) === 6;
  return GENERAL_LITERAL.test(inner);
}

/** RFC 5321 §4.1.1.1: ehlo-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-"). */
export const EHLO_KEYWORD = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
/** ehlo-line = ehlo-keyword *( SP ehlo-param ), ehlo-param = 1*(%d33-126). */
export const EHLO_LINE = /^[A-Za-z0-9][A-Za-z0-9-]*(?: [\x21-\x7e]+)*$/;

/**
 * The lines of a reply exactly as received (latin1, one character per octet), without the line
 * end; `code` is the first three octets, `sep` the fourth ('' when absent), `text` the rest.
 */
export function rawLines(reply: Reply): Array<{ line: string; code: string; sep: string; text: string }> {
  const raw = reply.raw.toString('latin1');
  const lines = raw.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => {
    const line = l.endsWith('\r') ? l.slice(0, -1) : l;
    return { line, code: line.slice(0, 3), sep: line.slice(3, 4), text: line.slice(4) };
  });
}

/** A raw (latin1) line for a verdict, quoted, with non-printable octets escaped. */
export function showLine(line: string): string {
  return `"${escapeBytes(Buffer.from(line, 'latin1'))}"`;
}

/** mulberry32: a tiny deterministic PRNG, so that a seed replays the same probe. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Gives every letter of `word` a random case; the result always mixes upper and lower case (when
 * the word has at least two letters), so that the probe never degenerates to the upper-case form.
 */
export function randomCase(word: string, rand: () => number): string {
  const chars = [...word].map((c) => (rand() < 0.5 ? c.toLowerCase() : c.toUpperCase()));
  const letters = chars.map((c, i) => ({ c, i })).filter(({ c }) => /[A-Za-z]/.test(c));
  if (letters.length >= 2) {
    const hasUpper = letters.some(({ c }) => c === c.toUpperCase());
    const hasLower = letters.some(({ c }) => c === c.toLowerCase());
    if (!hasUpper || !hasLower) {
      const pick = letters[Math.floor(rand() * letters.length)]!;
      chars[pick.i] = hasUpper ? pick.c.toLowerCase() : pick.c.toUpperCase();
    }
  }
  return chars.join('');
}

/** Requires some reply (any code) for a baseline step; a timeout or close is SetupFailed. */
export function requireReply(outcome: Outcome, step: string): Reply {
  if (outcome.kind === 'reply') return outcome;
  throw new SetupFailed(step, outcome, 'a reply');
}

/** "250 ok, then 221 bye" style description of several outcomes. */
export function describeOutcomes(outcomes: readonly Outcome[]): string {
  return outcomes.length === 0 ? 'nothing' : outcomes.map(describeOutcome).join(', then ');
}

export interface Probe {
  readonly probe: string;
  readonly verdict: Verdict;
}

/**
 * A mail transaction to ctx.rcpt with the given command lines (case variants, usually): MAIL
 * (250), RCPT (250/251), DATA (354), a small message and its end (250). Each step is graded; the
 * dialog stops at the first step that did not succeed, since the rest would not mean anything.
 */
export async function transactionProbes(
  s: Session,
  ctx: CheckContext,
  lines: { mail: string; rcpt: string; data: string },
  what = '',
): Promise<Probe[]> {
  const probes: Probe[] = [];
  // The probe is named after the line sent, so that the verdict shows the exact variant used.
  const step = (probe: string, outcome: Outcome, want: { class: 'ok' | 'intermediate'; preferred: number[] }) => {
    probes.push({ probe, verdict: expectReply(outcome, want, `reply${what}`) });
    return outcome.kind === 'reply' && want.preferred.includes(outcome.code);
  };
  if (!step(lines.mail, await s.send(lines.mail), { class: 'ok', preferred: [250] })) return probes;
  if (!step(lines.rcpt, await s.send(lines.rcpt), { class: 'ok', preferred: [250, 251] })) return probes;
  if (!step(lines.data, await s.send(lines.data), { class: 'intermediate', preferred: [354] })) return probes;
  await s.sendRaw(Buffer.from(simpleMessage(ctx), 'utf8'));
  await s.sendRaw('.\r\n');
  step('end of data', await s.read(), { class: 'ok', preferred: [250] });
  return probes;
}
