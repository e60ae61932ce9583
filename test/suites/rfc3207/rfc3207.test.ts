import { describe, expect, it } from 'vitest';
import type { MutantInfo } from '../../../fixtures/reference/mutants.js';
import { relatedMutants } from '../../../fixtures/reference/mutants/related.js';
import { rfc3207Checks } from '../../../suites/rfc3207/index.js';
import { describeResults, runAgainstReference } from '../../support/reference-run.js';
import { runAgainstProfile } from './profile-run.js';

// The RFC 3207 checks: PASS (or SKIPPED, for checks about another kind of target) against the
// reference server, the grade each STARTTLS mutant promises, and PASS on the kinds of target the
// reference server can play: one that requires TLS, one that wants a client certificate.

const ids = new Set(rfc3207Checks.map((c) => c.id));
const mine = (relatedMutants as readonly MutantInfo[]).filter((m) => [...m.kills, ...(m.nonStrict ?? [])].some((id) => ids.has(id)));
const byId = (id: string) => rfc3207Checks.filter((c) => c.id === id);

describe('RFC 3207 checks', () => {
  it('pass against the reference server (an MX), skipping the checks about other targets', async () => {
    const results = await runAgainstReference(rfc3207Checks);
    const grades = Object.fromEntries(results.map((r) => [r.id, r.grade]));
    expect(grades['rfc3207/4/530-when-tls-required']).toBe('SKIPPED');
    expect(grades['rfc3207/4.1/insufficient-security-554']).toBe('SKIPPED');
    const others = results.filter((r) => !['rfc3207/4/530-when-tls-required', 'rfc3207/4.1/insufficient-security-554'].includes(r.id));
    expect(others.filter((r) => r.grade !== 'PASS'), describeResults(results)).toEqual([]);
  });

  it.each(mine.map((m) => [m.name, m] as const))('%s is caught', async (_name, m) => {
    const results = await runAgainstReference(rfc3207Checks, { mutant: m.name });
    const grade = new Map(results.map((r) => [r.id, r.grade]));
    for (const id of m.kills) expect(grade.get(id), describeResults(results)).toBe('FAIL');
    for (const id of m.nonStrict ?? []) expect(grade.get(id), describeResults(results)).toBe('NON-STRICT');
  });

  it('530-when-tls-required passes on a server that requires TLS', async () => {
    const [result] = await runAgainstProfile(byId('rfc3207/4/530-when-tls-required'), 'tls-required');
    expect(result!.grade, describeResults([result!])).toBe('PASS');
  });

  it('insufficient-security-554 passes on a server that wants a client certificate', async () => {
    const [result] = await runAgainstProfile(byId('rfc3207/4.1/insufficient-security-554'), 'client-certificate-required');
    expect(result!.grade, describeResults([result!])).toBe('PASS');
  });
});
