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
