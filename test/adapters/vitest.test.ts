import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformanceSuite } from '../../adapters/vitest.js';
import { ROOT } from '../support/cli.js';

// The project's own use of the adapter: every check against the reference server is a test here.
conformanceSuite({ target: 'reference' });

interface Outcome {
  name: string;
  state: 'passed' | 'failed' | 'skipped' | 'pending';
  note: string | null;
  errors: string[];
}

/** Runs test/adapters/fixtures/*.suite.ts in a child vitest and returns each test's outcome. */
function runFixtureSuites(): Promise<{ code: number; outcomes: Outcome[]; output: string }> {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'smtpspec-vitest-')), 'outcome.json');
  const vitest = path.join(ROOT, 'node_modules/vitest/vitest.mjs');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [vitest, 'run', '--config', path.join(ROOT, 'test/adapters/fixtures/vitest.config.ts')],
      { cwd: ROOT, env: { ...process.env, OUTCOME_FILE: file }, timeout: 120_000 },
      (err, stdout, stderr) => {
        let outcomes: Outcome[] = [];
        try {
          outcomes = JSON.parse(readFileSync(file, 'utf8')) as Outcome[];
        } catch {
          // reported through the assertions below with the child's output
        }
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, outcomes, output: stdout + stderr });
      },
    );
  });
}

describe('smtpspec/vitest maps grades to vitest outcomes', () => {
  it('FAIL and ERROR fail with requirement, expected, actual and transcript; SKIPPED skips with the reason; NON-STRICT passes unless strict', async () => {
    const { code, outcomes, output } = await runFixtureSuites();
    expect(outcomes.length, output).toBeGreaterThan(0);
    expect(code).toBe(1);
    const byName = (suffix: string) => {
      const found = outcomes.find((o) => o.name.endsWith(suffix));
      if (!found) throw new Error(`no test named …${suffix} in ${outcomes.map((o) => o.name).join(', ')}`);
      return found;
    };

    const fail = byName('auth-success-250 > rfc4954 > rfc4954/4/success-235');
    expect(fail.state).toBe('failed');
    const message = fail.errors.join('\n');
    expect(message).toMatch(/^FAIL rfc4954\/4\/success-235: /);
    expect(message).toContain('Requirement (MUST): A successful authentication MUST be answered with 235');
    expect(message).toContain('Expected: 235');
    expect(message).toContain('Actual:   250 2.7.0');
    expect(message).toMatch(/Transcript:\n {4}\*\* connected to 127\.0\.0\.1:\d+\n/);
    expect(message).toContain('<- 250 2.7.0 Authentication successful');
    expect(message).not.toMatch(/\n\s+at /); // no stack frames of the adapter

    const error = byName('auth-success-250 > rfc4954 > rfc4954/4/no-second-auth');
    expect(error.state).toBe('failed');
    expect(error.errors.join('\n')).toMatch(/^ERROR rfc4954\/4\/no-second-auth: [^]*Reason: +could not set up/);

    const skipped = byName('no credentials > rfc4954 > rfc4954/4/success-235');
    expect(skipped.state).toBe('skipped');
    expect(skipped.note).toMatch(/^SKIPPED: .*credentials/i);

    expect(byName('lenient > rfc4954 > rfc4954/4/mech-case-insensitive').state).toBe('passed');
    const strict = byName('strict > rfc4954 > rfc4954/4/mech-case-insensitive');
    expect(strict.state).toBe('failed');
    expect(strict.errors.join('\n')).toMatch(/^FAIL rfc4954\/4\/mech-case-insensitive/);
  }, 150_000);
});
