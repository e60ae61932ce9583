import { describeOutcome, replyClass, type Outcome, type ReplyClass } from './session/outcome.js';

/**
 * What a check found, before the runner turns it into a grade:
 * - pass: the requirement is met in the preferred way;
 * - non-strict: met, but not in the preferred way (a different code of the right class);
 * - violation: broken; graded FAIL, NON-STRICT or INFO by the check's severity;
 * - info: the RFC leaves it open; recorded only;
 * - inconclusive: could not tell (timing, policy refusal); recorded as INFO with the reason;
 * - skip / unimplemented: a precondition or an extension is missing.
 */
export type VerdictKind = 'pass' | 'non-strict' | 'violation' | 'info' | 'inconclusive' | 'skip' | 'unimplemented';

export interface Verdict {
  readonly kind: VerdictKind;
  /** Acceptable outcomes, best first ("503", "any 5xx", "221 then close"). */
  readonly expected: readonly string[];
  readonly actual: string;
  readonly reason?: string;
}

export function verdict(kind: VerdictKind, expected: readonly string[], actual: string, reason?: string): Verdict {
  return reason === undefined ? { kind, expected, actual } : { kind, expected, actual, reason };
}

export const pass = (expected: readonly string[], actual: string, reason?: string) => verdict('pass', expected, actual, reason);
export const nonStrict = (expected: readonly string[], actual: string, reason: string) => verdict('non-strict', expected, actual, reason);
export const violation = (expected: readonly string[], actual: string, reason: string) => verdict('violation', expected, actual, reason);
export const info = (expected: readonly string[], actual: string, reason: string) => verdict('info', expected, actual, reason);
export const inconclusive = (expected: readonly string[], actual: string, reason: string) => verdict('inconclusive', expected, actual, reason);
export const skip = (reason: string) => verdict('skip', [], '', reason);
export const unimplemented = (reason: string) => verdict('unimplemented', [], '', reason);

const CLASS_NAMES: Record<ReplyClass, string> = { ok: '2xx', intermediate: '3xx', tempfail: '4xx', permfail: '5xx' };

export interface ReplyExpectation {
  /** The class that meets the requirement. */
  readonly class: ReplyClass;
  /** Preferred codes; another code of the right class is NON-STRICT. Omitted: any code of the class passes. */
  readonly preferred?: readonly number[];
  /** Codes of the right class that nevertheless break the requirement (e.g. 252 where 250 is required). */
  readonly wrong?: readonly number[];
}

/**
 * Grades one outcome against a reply class with preferred codes: right class and preferred code →
 * pass; right class, other code → non-strict; anything else (other class, timeout, close,
 * malformed reply) → violation.
 */
export function expectReply(outcome: Outcome, want: ReplyExpectation, what = 'reply'): Verdict {
  const expected = describeExpectation(want);
  const actual = describeOutcome(outcome);
  if (outcome.kind !== 'reply') return violation(expected, actual, `${what}: ${actual}`);
  const cls = replyClass(outcome.code);
  if (cls !== want.class || want.wrong?.includes(outcome.code)) {
    return violation(expected, actual, `${what}: expected ${expected.join(' or ')}, got ${outcome.code}`);
  }
  if (want.preferred && !want.preferred.includes(outcome.code)) {
    return nonStrict(expected, actual, `${what}: ${outcome.code} is of the right class but ${want.preferred.join('/')} is the code the RFC names`);
  }
  return pass(expected, actual);
}

export function describeExpectation(want: ReplyExpectation): string[] {
  const anyOfClass = `any ${CLASS_NAMES[want.class]}` + (want.wrong?.length ? ` but ${want.wrong.join('/')}` : '');
  return want.preferred ? [...want.preferred.map(String), anyOfClass] : [anyOfClass];
}

const RANK: Record<VerdictKind, number> = {
  pass: 0,
  info: 1,
  'non-strict': 2,
  inconclusive: 3,
  violation: 4,
  unimplemented: 5,
  skip: 6,
};

/**
 * Combines the verdicts of several probes of one requirement: the worst decides, and every probe
 * shows up in expected/actual so that a failure says which probe failed.
 */
export function worstOf(parts: ReadonlyArray<{ probe: string; verdict: Verdict }>): Verdict {
  if (parts.length === 0) throw new Error('worstOf needs at least one verdict');
  let worst = parts[0]!;
  for (const p of parts) if (RANK[p.verdict.kind] > RANK[worst.verdict.kind]) worst = p;
  const expected = parts.map((p) => `${p.probe}: ${p.verdict.expected.join(' or ')}`);
  const actual = parts.map((p) => `${p.probe}: ${p.verdict.actual}`).join('; ');
  const detail = worst.verdict.reason ?? worst.verdict.actual;
  const reason = worst.verdict.kind === 'pass' ? undefined : detail.startsWith(worst.probe) ? detail : `${worst.probe}: ${detail}`;
  return verdict(worst.verdict.kind, expected, actual, reason);
}
