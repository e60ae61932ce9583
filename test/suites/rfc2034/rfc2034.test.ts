import { describe, expect, it } from 'vitest';
import { rfc2034Checks } from '../../../suites/rfc2034/index.js';
import { rfc3463Checks } from '../../../suites/rfc3463/index.js';
import { statusCodeAttempt, statusCodeOf } from '../../../suites/rfc2034/monitor.js';
import { gradesAgainstFake } from '../../support/fake-smtp/run-checks.js';

describe('enhanced status code parsing', () => {
  it('finds a code at the start of the text, followed by a space or the end', () => {
    expect(statusCodeOf('2.0.0 Ok')).toBe('2.0.0');
    expect(statusCodeOf('5.1.1')).toBe('5.1.1');
    expect(statusCodeOf('Ok 2.0.0')).toBeUndefined();
    expect(statusCodeOf('2.0.0Ok')).toBeUndefined();
  });

  it('spots malformed attempts for the RFC 3463 syntax check', () => {
    expect(statusCodeAttempt('5 .1.1 bad')).toBe('5 .1.1');
    expect(statusCodeAttempt('5.1 bad')).toBe('5.1');
    expect(statusCodeAttempt('5.01.1 bad')).toBe('5.01.1');
    expect(statusCodeAttempt('Bye')).toBeUndefined();
  });
});

describe('rfc2034 and rfc3463 monitors against scripted fake servers', () => {
  it('pass on a server that puts codes on every reply', async () => {
    const grades = await gradesAgainstFake([...rfc2034Checks, ...rfc3463Checks]);
    expect(Object.values(grades).every((g) => g === 'PASS'), JSON.stringify(grades)).toBe(true);
  });

  it('fail codes-on-all-replies and regardless-of-ehlo on a server without codes', async () => {
    const grades = await gradesAgainstFake(rfc2034Checks, { plainReplies: 'always' });
    expect(grades['rfc2034/4/codes-on-all-replies']).toBe('FAIL');
    expect(grades['rfc2034/4/regardless-of-ehlo']).toBe('FAIL');
  });

  it('fail only regardless-of-ehlo on a server that drops the codes after HELO', async () => {
    const grades = await gradesAgainstFake(rfc2034Checks, { plainReplies: 'after-helo' });
    expect(grades['rfc2034/4/codes-on-all-replies']).toBe('PASS');
    expect(grades['rfc2034/4/regardless-of-ehlo']).toBe('FAIL');
  });

  it('do not run without the keyword', async () => {
    const grades = await gradesAgainstFake(rfc2034Checks, { keywords: ['PIPELINING'] });
    expect(new Set(Object.values(grades))).toEqual(new Set(['UNIMPLEMENTED']));
  });
});
