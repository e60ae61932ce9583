import { describe, expect, it } from 'vitest';
import { rfc4954Checks } from '../../../suites/rfc4954/index.js';
import { FAKE_PASS, gradesAgainstFake, resultsAgainstFake } from '../smuggling/fake-smtp.js';

describe('rfc4954 checks against scripted fake servers', () => {
  it('pass on a conforming server, and never show the password', async () => {
    const results = await resultsAgainstFake(rfc4954Checks);
    const notPass = results.filter((r) => r.grade !== 'PASS').map((r) => `${r.id}: ${r.grade} ${r.reason}`);
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
});
