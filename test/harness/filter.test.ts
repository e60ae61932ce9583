import { describe, expect, it } from 'vitest';
import type { Check } from '../../harness/check.js';
import { idMatches, selectChecks } from '../../harness/filter.js';
import { pass } from '../../harness/verdict.js';

describe('idMatches: prefixes respect section boundaries', () => {
  it.each([
    ['rfc5321/4.1.4/rcpt-before-mail', 'rfc5321', true],
    ['rfc5321/4.1.4/rcpt-before-mail', 'rfc5321/4.1', true],
    ['rfc5321/4.1.4/rcpt-before-mail', 'rfc5321/4.1.4', true],
    ['rfc5321/4.1.4/rcpt-before-mail', 'rfc5321/4.1.4/', true],
    ['rfc5321/4.1.4/rcpt-before-mail', 'rfc5321/4.1.4/rcpt-before-mail', true],
    ['rfc5321/4.10/x', 'rfc5321/4.1', false],
    ['rfc5321/4.1.10/x', 'rfc5321/4.1.1', false],
    ['rfc5321/4.1.1.4/x', 'rfc5321/4.1.1', true],
    ['rfc5321/4.1.4/rcpt-before-mail', 'rfc5321/4.1.4/rcpt', false],
    ['rfc53210/1/x', 'rfc5321', false],
    ['rfc1869/4.3/x', 'rfc5321', false],
  ])('%s with prefix %s → %s', (id, prefix, want) => {
    expect(idMatches(id, prefix)).toBe(want);
  });
});

describe('selectChecks', () => {
  const make = (id: string, level: Check['level'], profile?: Check['profile']): Check => ({
    id,
    level,
    title: id,
    requirement: '',
    catalog: [],
    ...(profile ? { profile } : {}),
    run: async () => pass([], ''),
  });
  const checks = [make('rfc5321/4.1/a', 'MUST'), make('rfc5321/4.10/b', 'SHOULD'), make('rfc1869/4.3/c', 'MAY'), make('rfc5321/4.5.3.2.7/slow', 'SHOULD', 'slow')];
  const ids = (cs: Check[]) => cs.map((c) => c.id);

  it('includes and excludes by prefix', () => {
    expect(ids(selectChecks(checks, { include: ['rfc5321/4.1'] }))).toEqual(['rfc5321/4.1/a']);
    expect(ids(selectChecks(checks, { exclude: ['rfc5321/4.1'] }))).toEqual(['rfc5321/4.10/b', 'rfc1869/4.3/c']);
  });

  it('filters by the lowest level to run', () => {
    expect(ids(selectChecks(checks, { level: 'must' }))).toEqual(['rfc5321/4.1/a']);
    expect(ids(selectChecks(checks, { level: 'should' }))).toEqual(['rfc5321/4.1/a', 'rfc5321/4.10/b']);
  });

  it('leaves slow checks out unless the slow profile is asked for', () => {
    expect(ids(selectChecks(checks, {}))).not.toContain('rfc5321/4.5.3.2.7/slow');
    expect(ids(selectChecks(checks, { profiles: ['slow'] }))).toEqual(['rfc5321/4.5.3.2.7/slow']);
  });
});
