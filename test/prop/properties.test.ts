import { describe, expect, it } from 'vitest';
import { propChecks } from '../../suites/prop/index.js';
import { allChecks } from '../../suites/index.js';
import { runProps, summary } from './run.js';

// The property checks against the conforming reference server: every property holds, a seed
// replays a run exactly, --runs sets the number of runs. Seeds are printed (conventions).

const SEED = Number(process.env.SMTPSPEC_TEST_SEED ?? Math.floor(Math.random() * 2 ** 31));
const byId = (id: string) => propChecks.find((c) => c.id === id)!;
/** Times, the per-check token and queue ids are the only parts of a report that may differ between replays. */
const stable = (text: string) => text.replace(/, \d+ ms\)/g, ')').replace(/\b(nobody|smtpspec|prop)-[0-9a-z]{12,}(?=[@-])/g, '$1-TOKEN').replace(/queued as [0-9A-F]+/g, 'queued as ID');

describe('property checks against the reference server', () => {
  it('are in the suite under prop/, one per property, with catalog entries', () => {
    expect(propChecks.map((c) => c.id).sort()).toEqual(['prop/2.4/case-permutations', 'prop/4.1.2/valid-addresses', 'prop/4.1.4/session-model', 'prop/4.2/reply-grammar', 'prop/4.5.2/body-transparency']);
    for (const c of propChecks) expect(allChecks).toContain(c);
    for (const c of propChecks) expect(c.catalog.length).toBeGreaterThan(0);
  });

  it(`every property holds (run seed ${SEED}), the body property through the relay sink`, async () => {
    console.log(`property checks against the reference server, run seed ${SEED} (SMTPSPEC_TEST_SEED replays it)`);
    const results = await runProps(propChecks, { seed: SEED });
    console.log(summary(results));
    expect(results.filter((r) => r.grade !== 'PASS'), summary(results)).toEqual([]);
    // Seed and number of runs are in the report.
    for (const r of results.filter((r) => r.grade === 'PASS')) expect(r.actual).toMatch(/^seed \d+ \(this check's, from the run's --seed\), \d+ runs \(/);
  });

  it('--runs sets the number of runs', async () => {
    console.log(`--runs test, run seed ${SEED}`);
    const results = await runProps([byId('prop/4.1.4/session-model'), byId('prop/2.4/case-permutations')], { seed: SEED, runs: 7 });
    for (const r of results) expect(r.actual, summary(results)).toMatch(/, 7 runs \(/);
  });

  it('the same seed replays the same runs, and a shrunk counterexample, exactly', async () => {
    console.log(`replay test, run seed ${SEED}`);
    const checks = [byId('prop/4.1.4/session-model'), byId('prop/4.1.2/valid-addresses')];
    const [a, b] = [await runProps(checks, { seed: SEED, runs: 30 }), await runProps(checks, { seed: SEED, runs: 30 })];
    expect(b.map((r) => stable(r.actual))).toEqual(a.map((r) => stable(r.actual)));
    const [x, y] = [await runProps(checks, { seed: SEED, mutant: 'rset-keeps-transaction-after-refused-rcpt' }), await runProps(checks, { seed: SEED, mutant: 'rset-keeps-transaction-after-refused-rcpt' })];
    console.log(summary(x));
    expect(y.map((r) => stable(r.reason))).toEqual(x.map((r) => stable(r.reason)));
  });
});
