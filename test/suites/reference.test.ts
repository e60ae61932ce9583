import { describe, expect, it } from 'vitest';
import { allChecks } from '../../suites/index.js';
import { describeResults, runAgainstReference } from '../support/reference-run.js';

const byId = new Map(allChecks.map((c) => [c.id, c]));
// Slow checks (idle timeouts of minutes) have tests of their own with short waits.
const defaultChecks = allChecks.filter((c) => (c.profile ?? 'default') === 'default');

/** Checks about another kind of target (a 554 greeting, a submission server), and those that need the relay sink, may skip. */
const maySkip = (id: string) => Boolean(byId.get(id)?.appliesTo) || Boolean(byId.get(id)?.needs?.includes('sink'));

describe('the suite against the conforming reference server', () => {
  it('grades every check PASS (no false alarms)', async () => {
    const results = await runAgainstReference(defaultChecks);
    const notPass = results.filter((r) => r.grade !== 'PASS' && !(r.grade === 'SKIPPED' && maySkip(r.id)));
    expect(notPass, describeResults(notPass)).toEqual([]);
    expect(results).toHaveLength(defaultChecks.length);
  });

  it('keeps connection hygiene: at most two protocol errors per connection', async () => {
    const results = await runAgainstReference(defaultChecks);
    // Each error reply (500-504, 555) shows in the transcript as a received line starting with its code.
    const offenders = results
      .map((r) => ({ id: r.id, errors: r.transcript.split('\n** connection ').map((c) => (c.match(/^<[-~] 5(0[0-4]|55)[ -]/gm) ?? []).filter((l) => l.endsWith(' ')).length) }))
      .filter((r) => r.errors.some((n) => n > 2));
    expect(offenders).toEqual([]);
  });
});
