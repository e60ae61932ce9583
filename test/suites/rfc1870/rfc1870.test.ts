import { describe, expect, it } from 'vitest';
import type { MutantInfo } from '../../../fixtures/reference/mutants.js';
import { relatedMutants } from '../../../fixtures/reference/mutants/related.js';
import { rfc1870Checks } from '../../../suites/rfc1870/index.js';
import { describeResults, runAgainstReference } from '../../support/reference-run.js';

// The RFC 1870 checks: PASS against the reference server, and the grade each SIZE mutant
// promises.

const ids = new Set(rfc1870Checks.map((c) => c.id));
const mine = (relatedMutants as readonly MutantInfo[]).filter((m) => [...m.kills, ...(m.nonStrict ?? [])].some((id) => ids.has(id)));

describe('RFC 1870 checks', () => {
  it('pass against the reference server', async () => {
    const results = await runAgainstReference(rfc1870Checks);
    expect(results.filter((r) => r.grade !== 'PASS'), describeResults(results)).toEqual([]);
  });

  it.each(mine.map((m) => [m.name, m] as const))('%s is caught', async (_name, m) => {
    const results = await runAgainstReference(rfc1870Checks, { mutant: m.name });
    const grade = new Map(results.map((r) => [r.id, r.grade]));
    for (const id of m.kills) expect(grade.get(id), describeResults(results)).toBe('FAIL');
    for (const id of m.nonStrict ?? []) expect(grade.get(id), describeResults(results)).toBe('NON-STRICT');
  });
});
