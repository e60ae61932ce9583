import { describe, expect, it } from 'vitest';
import { rfc6531Checks } from '../../../suites/rfc6531/index.js';
import { gradesAgainstFake } from '../smuggling/fake-smtp.js';

describe('rfc6531 checks against scripted fake servers', () => {
  it('pass on a conforming server', async () => {
    const grades = await gradesAgainstFake(rfc6531Checks);
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
});
