import type { Check } from '../../../harness/check.js';
import type { CheckResult } from '../../../harness/result.js';
import type { ReferenceProfile } from '../../../fixtures/reference/profiles.js';
import { runAgainstReference } from '../../support/reference-run.js';

/** Runs checks against the reference server started with a profile (a submission server, a TLS-requiring one). */
export function runAgainstProfile(checks: readonly Check[], profile: ReferenceProfile, mutant?: string): Promise<CheckResult[]> {
  return runAgainstReference(checks, { profile, ...(mutant === undefined ? {} : { mutant }) });
}
