import type { CheckContext } from '../../harness/check.js';
import { describeWait, type Arrival } from '../../harness/relay.js';
import { inconclusive, info, pass, violation, type Verdict } from '../../harness/verdict.js';
import { describeClause, sessionReceived } from './received-field.js';

// The WITH clause of the Received field a target prepended (RFC 5321 §4.4), read the same way by
// every check about its protocol name: RFC 1869 §7, RFC 3848, RFC 4954 §7 and RFC 6531 §3.7.3.

export interface WithExpectation {
  /** What the check expects, for the report (e.g. "with ESMTPA (any case)"). */
  readonly expected: string;
  /** Whether the protocol name (in upper case) is the right one for the session. */
  readonly fits: (upperCaseName: string) => boolean;
  /** Why a present but wrong name is wrong, e.g. `"ESMTP" does not record the authentication`. */
  readonly mismatch: (name: string) => string;
}

/** Grades the WITH clause of the relayed message's Received field against what the session calls for. */
export function gradeReceivedWith(ctx: CheckContext, arrival: Arrival, want: WithExpectation): Verdict {
  const expected = [want.expected];
  const t = arrival.delivered;
  if (!t) return inconclusive(expected, arrival.bounce ? 'bounced' : describeWait(ctx, arrival), 'the message did not reach the sink');
  const r = sessionReceived(t);
  if (!r) return info(expected, `${describeWait(ctx, arrival)}; no Received field`, 'no Received field to read (rfc5321/4.4/received-prepended grades that)');
  const actual = `${describeWait(ctx, arrival)}; ${describeClause(r, 'with')}`;
  const name = r.clauses.get('with')?.words[0];
  if (name === undefined) return violation(expected, actual, 'the Received field has no WITH clause');
  return want.fits(name.toUpperCase()) ? pass(expected, actual) : violation(expected, actual, want.mismatch(name));
}

/** The common case: exactly one protocol name, compared case-insensitively. */
export function exactly(name: string, mismatch: (got: string) => string): WithExpectation {
  return { expected: `with ${name} (any case)`, fits: (got) => got === name, mismatch };
}
