import { describe, expect, it } from 'vitest';
import { rfc6531Checks as allOfSuite } from '../../../suites/rfc6531/index.js';
import { gradesAgainstFake } from '../../support/fake-smtp/run-checks.js';

// Relay checks (needs: ['sink']) are tested against the relaying reference server and its relay
// mutants (test/suites/reference.test.ts, mutants.test.ts), not against these fakes.
const rfc6531Checks = allOfSuite.filter((c) => !c.needs?.includes('sink'));

describe('rfc6531 checks against scripted fake servers', () => {
  it('pass on a conforming server', async () => {
    const grades = await gradesAgainstFake(rfc6531Checks);
    // The fake offers no DSN, so the RFC 6533 ORCPT probe is UNIMPLEMENTED.
    expect(grades['rfc6531/3.2/dsn-orcpt-utf8']).toBe('UNIMPLEMENTED');
    delete grades['rfc6531/3.2/dsn-orcpt-utf8'];
    expect(Object.values(grades).every((g) => g === 'PASS'), JSON.stringify(grades)).toBe(true);
  });

  it('fail utf8-without-parameter when UTF-8 addresses need no parameter', async () => {
    const grades = await gradesAgainstFake(rfc6531Checks, { utf8WithoutParameter: true });
    expect(grades['rfc6531/3.4/utf8-without-parameter']).toBe('FAIL');
  });

  it('fail requires-8bitmime when SMTPUTF8 comes alone', async () => {
    const grades = await gradesAgainstFake(rfc6531Checks, { keywords: ['SMTPUTF8'] });
    expect(grades['rfc6531/3.1/requires-8bitmime']).toBe('FAIL');
  });

  it('do not blame the SMTPUTF8 parameter of VRFY when VRFY itself is not implemented', async () => {
    const grades = await gradesAgainstFake(rfc6531Checks.filter((c) => c.id === 'rfc6531/3.7.4.2/vrfy-expn-parameter'), { noVrfy: true });
    expect(grades['rfc6531/3.7.4.2/vrfy-expn-parameter']).toBe('PASS');
  });
});
