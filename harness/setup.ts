import { describeOutcome, type Outcome, type Reply } from './session/outcome.js';

/**
 * A step a check needs before it can probe its requirement (EHLO, a valid MAIL) did not succeed.
 * The runner grades it ERROR with the step and the reply: the check could not tell anything.
 */
export class SetupFailed extends Error {
  constructor(readonly step: string, readonly outcome: Outcome, readonly wanted: string) {
    super(`could not set up: ${step} got ${describeOutcome(outcome)} (needed ${wanted})`);
  }
}

/** Returns the reply if its code is one of `codes`; throws SetupFailed otherwise. */
export function required(outcome: Outcome, step: string, codes: readonly number[] = [250]): Reply {
  if (outcome.kind === 'reply' && codes.includes(outcome.code)) return outcome;
  throw new SetupFailed(step, outcome, codes.join(' or '));
}

/**
 * The target failed a step that another check grades (a TLS handshake after its 220 to STARTTLS,
 * graded by rfc3207/4/starttls-replies), which leaves this check nothing to judge. The runner
 * grades it SKIPPED with the reason, not ERROR: smtpspec knows what happened, the deviation is
 * reported once where it belongs, and a baseline can keep the run green on it.
 */
export class BlockedBy extends Error {
  constructor(readonly what: string, readonly gradedBy: string) {
    super(`${what}; ${gradedBy} grades that`);
  }
}
