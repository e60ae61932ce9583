import { describe, expect, it } from 'vitest';
import { severityOf } from '../../harness/check.js';
import { mutants } from '../../fixtures/reference/mutants.js';
import { allChecks } from '../../suites/index.js';
import { describeResults, runAgainstReference } from '../support/reference-run.js';

const byId = new Map(allChecks.map((c) => [c.id, c]));

describe('mutants of the reference server', () => {
  it('name only checks that exist', () => {
    const unknown = mutants.flatMap((m) => [...m.kills, ...(m.nonStrict ?? [])].filter((id) => !byId.has(id)).map((id) => `${m.name} → ${id}`));
    expect(unknown).toEqual([]);
  });

  // Relay checks (needs: ['sink']) included: runAgainstReference gives every run a relay sink.
  it('leave no MUST-level check (severity fail) without a mutant that kills it', () => {
    const killed = new Set(mutants.flatMap((m) => m.kills));
    const unguarded = allChecks.filter((c) => severityOf(c) === 'fail' && !killed.has(c.id)).map((c) => c.id);
    expect(unguarded).toEqual([]);
  });

  // One run per mutant, of the checks it declares: those must FAIL (or NON-STRICT where declared so).
  const survivors: string[] = [];
  it.each(mutants.map((m) => [m.name, m] as const))('%s makes its declared checks fail', async (_name, mutant) => {
    const declared = new Set([...mutant.kills, ...(mutant.nonStrict ?? [])]);
    const results = await runAgainstReference(allChecks.filter((c) => declared.has(c.id)), { mutant: mutant.name });
    const grade = new Map(results.map((r) => [r.id, r.grade]));
    const survived = mutant.kills.filter((id) => grade.get(id) !== 'FAIL');
    const notFlagged = (mutant.nonStrict ?? []).filter((id) => !['NON-STRICT', 'FAIL'].includes(grade.get(id) ?? ''));
    if (survived.length + notFlagged.length > 0 || declared.size === 0) survivors.push(mutant.name);
    expect(survived, describeResults(results)).toEqual([]);
    expect(notFlagged, describeResults(results)).toEqual([]);
  });

  it('all mutants are killed (the mutation score)', () => {
    const killed = mutants.length - survivors.length;
    console.log(`mutation score: ${killed}/${mutants.length} mutants killed` + (survivors.length ? `; survivors: ${survivors.join(', ')}` : ''));
    expect(survivors).toEqual([]);
  });
});
