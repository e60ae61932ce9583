import { describe, expect, it } from 'vitest';
import type { Check } from '../../../harness/check.js';
import { rfc3461Checks as wholeSuite } from '../../../suites/rfc3461/index.js';
import { longestOrcpt } from '../../../suites/rfc3461/5.4-parameter-sizes.js';
import { xtext } from '../../../suites/rfc3461/support.js';
import { basicAnswer, SCRIPTED_RUN } from '../../support/fake-smtp/presets.js';
import { gradesAgainstFake } from '../../support/fake-smtp/run-checks.js';

// Relay checks (needs: ['sink']) are tested against the relaying reference and its relay mutants
// (test/suites/relay-core, relay-extensions, mutants.test.ts), not here.
const rfc3461Checks = wholeSuite.filter((c) => !c.needs?.includes('sink'));

const grades = (checks: readonly Check[], answer: (line: string) => string | null) => gradesAgainstFake(checks, { answer, linesOnly: true }, SCRIPTED_RUN);

/** Advertises DSN and answers 250 to everything: no DSN parameter is ever checked. */
function acceptsEverything(line: string): string | null {
  if (/^EHLO /i.test(line)) return '250-scripted.test\r\n250 DSN';
  return basicAnswer(line);
}

describe('rfc3461 checks against scripted servers', () => {
  it('fail invalid MAIL parameters (and flag invalid RCPT parameters) on a server that checks nothing', async () => {
    const g = await grades(rfc3461Checks, acceptsEverything);
    expect(g).toEqual({
      'rfc3461/4/parameters-accepted': 'PASS',
      'rfc3461/4.5/duplicate-or-invalid-mail-params': 'FAIL',
      'rfc3461/4.5/duplicate-or-invalid-rcpt-params': 'NON-STRICT',
      'rfc3461/5.4/parameter-sizes': 'PASS',
    });
  });

  it('fail parameter-sizes on a server that keeps the 512-octet command line of RFC 5321 alone', async () => {
    const g = await grades(
      rfc3461Checks.filter((c) => c.id === 'rfc3461/5.4/parameter-sizes'),
      (line) => (line.length + 2 > 512 ? '500 5.5.2 line too long' : acceptsEverything(line)),
    );
    expect(g['rfc3461/5.4/parameter-sizes']).toBe('FAIL');
  });

  it('are UNIMPLEMENTED without DSN', async () => {
    const g = await grades(rfc3461Checks, basicAnswer);
    expect(Object.values(g)).toEqual(['UNIMPLEMENTED', 'UNIMPLEMENTED', 'UNIMPLEMENTED', 'UNIMPLEMENTED']);
  });

  it('build a 500-character ORCPT whatever the local domain, and encode xtext', () => {
    for (const localDomain of ['reference.test', 'a.b', 'x'.repeat(99), 'mail.example.com']) {
      const value = longestOrcpt({ token: 't0k3n', localDomain } as Parameters<typeof longestOrcpt>[0]);
      expect(value, localDomain).toHaveLength(500);
      expect(value).toMatch(/^rfc822;(?:\+[0-9A-F]{2})+@(?:\+[0-9A-F]{2})+$/);
      const domain = Buffer.from(value.split('@')[1]!.replace(/\+/g, ''), 'hex').toString('latin1');
      expect(domain.split('.').every((l) => l.length >= 1 && l.length <= 63), domain).toBe(true);
    }
    expect(xtext('a+b=c d@é')).toBe('a+2Bb+3Dc+20d@+C3+A9');
  });
});
