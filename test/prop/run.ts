import type { Check } from '../../harness/check.js';
import type { CheckResult } from '../../harness/result.js';
import { runAgainstReference } from '../support/reference-run.js';

/** Runs checks against a fresh reference server (or a mutant) with a given run seed and --runs. */
export function runProps(checks: readonly Check[], opts: { mutant?: string; seed: number; runs?: number }): Promise<CheckResult[]> {
  return runAgainstReference(checks, opts);
}

/** "id: GRADE actual" lines, for assertion messages and the seeds the tests print. */
export function summary(results: readonly CheckResult[]): string {
  return results.map((r) => `${r.id}: ${r.grade} ${r.actual}${r.grade === 'FAIL' || r.grade === 'ERROR' ? `\n${r.reason}` : ''}`).join('\n');
}
