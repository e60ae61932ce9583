import { describe, expect, it } from 'vitest';
import { rfc6152Checks as allOfSuite } from '../../../suites/rfc6152/index.js';
import { gradesAgainstFake } from '../../support/fake-smtp/run-checks.js';

// Relay checks (needs: ['sink']) are tested against the relaying reference server and its relay
// mutants (test/suites/reference.test.ts, mutants.test.ts), not against these fakes.
const rfc6152Checks = allOfSuite.filter((c) => !c.needs?.includes('sink'));

describe('rfc6152 checks against scripted fake servers', () => {
  it('pass on a conforming server', async () => {
    const grades = await gradesAgainstFake(rfc6152Checks);
    expect(Object.values(grades).every((g) => g === 'PASS'), JSON.stringify(grades)).toBe(true);
  });

  it('fail body-invalid-value when any BODY value is accepted', async () => {
    const grades = await gradesAgainstFake(rfc6152Checks, { ignoreBody: true });
    expect(grades['rfc6152/3/body-invalid-value']).toBe('FAIL');
    expect(grades['rfc6152/3/single-body-parameter']).toBe('NON-STRICT');
  });

  it('are UNIMPLEMENTED without 8BITMIME, and the BINARYMIME check is skipped when BINARYMIME is offered', async () => {
    const without = await gradesAgainstFake(rfc6152Checks, { keywords: ['SIZE 1000'] });
    expect(without['rfc6152/3/body-values-accepted']).toBe('UNIMPLEMENTED');
    expect(without['rfc6152/3/binarymime-needs-advertisement']).toBe('PASS');
    const binary = await gradesAgainstFake(rfc6152Checks, { keywords: ['8BITMIME', 'CHUNKING', 'BINARYMIME'] });
    expect(binary['rfc6152/3/binarymime-needs-advertisement']).toBe('SKIPPED');
  });
});
