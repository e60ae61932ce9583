import { describe, expect, it } from 'vitest';
import type { MutantInfo } from '../../../fixtures/reference/mutants.js';
import { relatedMutants } from '../../../fixtures/reference/mutants/related.js';
import { rfc6409Checks } from '../../../suites/rfc6409/index.js';
import { describeResults, runAgainstReference } from '../../support/reference-run.js';
import { runAgainstProfile } from '../rfc3207/profile-run.js';

// The RFC 6409 checks are about submission servers: the reference server (an MX) skips them all;
// started as a submission server it passes them (but port-587, which needs that port); the
// submission mutants get the grades they promise.

const ids = new Set(rfc6409Checks.map((c) => c.id));
const mine = (relatedMutants as readonly MutantInfo[]).filter((m) => [...m.kills, ...(m.nonStrict ?? [])].some((id) => ids.has(id)));

describe('RFC 6409 checks', () => {
  it('are all skipped by the reference server, which is an MX', async () => {
    const results = await runAgainstReference(rfc6409Checks);
    expect(results.filter((r) => r.grade !== 'SKIPPED'), describeResults(results)).toEqual([]);
  });

  it('pass against the reference server as a submission server', async () => {
    const results = await runAgainstProfile(rfc6409Checks, 'submission');
    const notPass = results.filter((r) => r.grade !== 'PASS' && r.id !== 'rfc6409/3.1/port-587');
    expect(notPass, describeResults(results)).toEqual([]);
  });

  it.each(mine.map((m) => [m.name, m] as const))('%s is caught', async (_name, m) => {
    const results = await runAgainstReference(rfc6409Checks, { mutant: m.name });
    const grade = new Map(results.map((r) => [r.id, r.grade]));
    for (const id of m.kills) expect(grade.get(id), describeResults(results)).toBe('FAIL');
    for (const id of m.nonStrict ?? []) expect(grade.get(id), describeResults(results)).toBe('NON-STRICT');
  });
});
