import { describe, expect, it } from 'vitest';
import type { MutantInfo } from '../../../fixtures/reference/mutants.js';
import { relayExtensionMutants as relayOnly, clientVisibleExtensionMutants } from '../../../fixtures/reference/mutants/relay-extensions.js';
import { allChecks } from '../../../suites/index.js';
import { describeResults, runAgainstReference } from '../../support/reference-run.js';

// The relay checks of RFC 3461 §5.2, RFC 4954 §5/§7, RFC 3030 §2/§3, RFC 3207 §4.2 and RFC 6409 §4.2 against the reference
// relay: it passes them (the slow null-sender watch is left to the mutant run), and each mutant of
// mutants/relay-extensions.ts is caught by the check it names.

const relayExtensionMutants: readonly MutantInfo[] = [...relayOnly, ...clientVisibleExtensionMutants];
const ids = [...new Set(relayExtensionMutants.flatMap((m) => [...m.kills, ...(m.nonStrict ?? [])]))];
const checks = allChecks.filter((c) => ids.includes(c.id) || c.id === 'rfc3461/4.1/success-dsn');

describe('relay checks of the extensions', () => {
  it('the reference relay passes them', async () => {
    const results = await runAgainstReference(checks.filter((c) => c.profile !== 'slow' && !c.appliesTo));
    expect(results.length).toBeGreaterThanOrEqual(ids.length - 2);
    expect(results.filter((r) => r.grade !== 'PASS'), describeResults(results)).toEqual([]);
  });

  it('the reference as a submission server passes the RFC 6409 one', async () => {
    const results = await runAgainstReference(checks.filter((c) => c.appliesTo), { profile: 'submission' });
    expect(results.map((r) => [r.id, r.grade]), describeResults(results)).toEqual([['rfc6409/4.2/fqdn-envelope', 'PASS']]);
  });

  it.each(relayExtensionMutants.map((m) => [m.name, m] as const))('%s is caught', async (_n, mutant) => {
    const declared = new Set<string>([...mutant.kills, ...(mutant.nonStrict ?? [])]);
    const results = await runAgainstReference(allChecks.filter((c) => declared.has(c.id)), { mutant: mutant.name });
    expect(results.length, describeResults(results)).toBe(declared.size);
    for (const r of results) expect(r.grade, describeResults(results)).toBe(mutant.kills.includes(r.id) ? 'FAIL' : 'NON-STRICT');
  });
});
