import { describe, expect, it } from 'vitest';
import { rfc4954Checks as wholeSuite } from '../../../suites/rfc4954/index.js';
import { defineCheck } from '../../../suites/define.js';
import { plaintextExposure } from '../../../suites/rfc4954/4-auth-transport.js';
import { FAKE_PASS } from '../../support/fake-smtp/auth.js';
import { gradesAgainstFake, resultsAgainstFake } from '../../support/fake-smtp/run-checks.js';

// Relay checks (needs: ['sink']) are tested against the relaying reference and its relay mutants
// (test/suites/relay-core, relay-extensions, mutants.test.ts), not here.
const rfc4954Checks = wholeSuite.filter((c) => !c.needs?.includes('sink'));

const SKIPPED_ON_FAKE = new Set(['rfc4954/4/unexpected-initial-response-501', 'rfc4954/4/plain-over-tls', 'rfc4954/4/no-plaintext-without-tls', 'rfc4954/6/auth-required-530']);

describe('rfc4954 checks against scripted fake servers', () => {
  it('pass on a conforming server, and never show the password', async () => {
    const results = await resultsAgainstFake(rfc4954Checks);
    // Skipped only where the fake is not that kind of target (no CRAM-MD5, no TLS, loopback, no AUTH policy).
    const notPass = results.filter((r) => r.grade !== 'PASS' && !(r.grade === 'SKIPPED' && SKIPPED_ON_FAKE.has(r.id))).map((r) => `${r.id}: ${r.grade} ${r.reason}`);
    expect(notPass).toEqual([]);
    for (const r of results) expect(r.transcript).not.toContain(FAKE_PASS);
  });

  it('fail cancel-501 when "*" gets 535', async () => {
    const grades = await gradesAgainstFake(rfc4954Checks, { cancelCode: 535 });
    expect(grades['rfc4954/4/cancel-501']).toBe('FAIL');
  });

  it('fail challenge-format on "334 Username:"', async () => {
    const grades = await gradesAgainstFake(rfc4954Checks, { loginPrompts: ['Username:', 'Password:'] });
    expect(grades['rfc4954/4/challenge-format']).toBe('FAIL');
  });

  it('skip mechanisms that answer without a challenge (EXTERNAL) in challenge-format', async () => {
    const grades = await gradesAgainstFake(rfc4954Checks, { keywords: ['AUTH EXTERNAL PLAIN LOGIN'] });
    expect(grades['rfc4954/4/challenge-format']).toBe('PASS');
  });

  it('use LOGIN when PLAIN is not offered', async () => {
    const grades = await gradesAgainstFake(rfc4954Checks, { keywords: ['AUTH LOGIN'] });
    expect(grades['rfc4954/4/success-235']).toBe('PASS');
    expect(grades['rfc4954/4/invalid-base64-501']).toBe('PASS');
  });

  it('grade PLAIN usable in cleartext NON-STRICT (the core of no-plaintext-without-tls, which skips loopback targets)', async () => {
    const exposure = defineCheck({ id: 'test/exposure', title: 't', requirement: 'r', level: 'SHOULD NOT', catalog: ['4954-4-no-plaintext-without-tls'], run: plaintextExposure });
    expect((await gradesAgainstFake([exposure]))['test/exposure']).toBe('NON-STRICT');
    expect((await gradesAgainstFake([exposure], { keywords: ['PIPELINING'] }))['test/exposure']).toBe('NON-STRICT');
  });

  it('pass auth-required-530 on 530 to MAIL, grade a refusal at RCPT NON-STRICT', async () => {
    expect((await gradesAgainstFake(rfc4954Checks, { requireAuth: 'mail' }))['rfc4954/6/auth-required-530']).toBe('PASS');
    expect((await gradesAgainstFake(rfc4954Checks, { requireAuth: 'rcpt' }))['rfc4954/6/auth-required-530']).toBe('NON-STRICT');
  });

  it('grade a 501 naming "=" as bad base64 NON-STRICT in empty-initial-response', async () => {
    const grades = await gradesAgainstFake(rfc4954Checks, { emptyResponseIsBadBase64: true });
    expect(grades['rfc4954/4/empty-initial-response']).toBe('NON-STRICT');
  });
});
