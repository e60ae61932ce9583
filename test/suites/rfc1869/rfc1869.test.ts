import { describe, expect, it } from 'vitest';
import { rfc1869Checks as wholeSuite } from '../../../suites/rfc1869/index.js';
import { ehloLineProblems, ehloLines, keywordStanding } from '../../../suites/keywords.js';
import type { Reply } from '../../../harness/session/outcome.js';
import { gradesAgainstFake } from '../../support/fake-smtp/run-checks.js';

// Relay checks (needs: ['sink']) are tested against the relaying reference and its relay mutants
// (test/suites/relay-core, relay-extensions, mutants.test.ts), not here.
const rfc1869Checks = wholeSuite.filter((c) => !c.needs?.includes('sink'));

function ehloReply(lines: string[]): Reply {
  return { kind: 'reply', code: 250, enhanced: undefined, lines, raw: Buffer.alloc(0), deviations: [] };
}

describe('EHLO keyword helpers', () => {
  it('accept the grammar and flag keywords outside it', () => {
    const lines = ehloLines(ehloReply(['fake.test', 'SIZE 1000', 'X_FOO', 'AUTH  PLAIN', '8BITMIME']));
    expect(lines.map(ehloLineProblems).map((p) => p.length)).toEqual([0, 1, 1, 0]);
  });

  it('never flags VRFY or X keywords, flags unknown ones', () => {
    expect(keywordStanding('VRFY')).toBe('accepted');
    expect(keywordStanding('xclient')).toBe('private');
    expect(keywordStanding('limits')).toBe('registered');
    expect(keywordStanding('FOOBAR')).toBe('unregistered');
  });
});

describe('rfc1869 checks against scripted fake servers', () => {
  it('pass on a conforming server', async () => {
    const grades = await gradesAgainstFake(rfc1869Checks);
    expect(Object.values(grades).every((g) => g === 'PASS'), JSON.stringify(grades)).toBe(true);
  });

  it('fail extended-line-length on a server that keeps MAIL lines to 512 octets', async () => {
    expect((await gradesAgainstFake(rfc1869Checks, { maxCommandLine: 512 }))['rfc1869/4.1.2/extended-line-length']).toBe('FAIL');
    expect((await gradesAgainstFake(rfc1869Checks, { maxCommandLine: 2048 }))['rfc1869/4.1.2/extended-line-length']).toBe('PASS');
  });

  it('fail keyword-syntax on X_FOO and grade FOOBAR NON-STRICT', async () => {
    const grades = await gradesAgainstFake(rfc1869Checks, { keywords: ['8BITMIME', 'X_FOO', 'FOOBAR'] });
    expect(grades['rfc1869/4.3/keyword-syntax']).toBe('FAIL');
    expect(grades['rfc1869/4.3/x-keywords']).toBe('NON-STRICT');
  });

  it('grade the legacy AUTH= line NON-STRICT, not FAIL', async () => {
    const grades = await gradesAgainstFake(rfc1869Checks, { keywords: ['AUTH PLAIN LOGIN', 'AUTH=PLAIN LOGIN'] });
    expect(grades['rfc1869/4.3/keyword-syntax']).toBe('NON-STRICT');
    expect(grades['rfc1869/4.3/x-keywords']).toBe('PASS');
  });
});
