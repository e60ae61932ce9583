import type { Check } from '../../harness/check.js';
import { casePermutationChecks } from './2.4-case-permutations.js';
import { validAddressChecks } from './4.1.2-valid-addresses.js';
import { sessionModelChecks } from './4.1.4-session-model.js';
import { replyGrammarPropertyChecks } from './4.2-reply-grammar.js';
import { bodyTransparencyChecks } from './4.5.2-body-transparency.js';

/**
 * Property-based checks (ids `prop/<RFC section>/<slug>`): random but reproducible sessions,
 * seeded by --seed, `--runs N` runs each (default: a few seconds' worth), shrunk to the smallest
 * failing dialog.
 */
export const propChecks: readonly Check[] = [
  ...casePermutationChecks,
  ...validAddressChecks,
  ...sessionModelChecks,
  ...replyGrammarPropertyChecks,
  ...bodyTransparencyChecks,
];
