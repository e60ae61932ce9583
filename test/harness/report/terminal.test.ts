import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../../harness/result.js';
import { renderProgress, renderTerminal, tallyLine } from '../../../harness/report/terminal.js';
import { anyReport, propertySeed } from './arbitraries.js';
import { EVERY_GRADE, EVERY_GRADE_REPORT, report, result } from './fixtures.js';

const TALLY = /^\d+ passed, \d+ failed(, .*)?$/;
const lastLine = (s: string): string => s.replace(/\n$/, '').split('\n').at(-1) ?? '';

describe('renderTerminal', () => {
  const plain = renderTerminal(EVERY_GRADE_REPORT, { color: false });
  const lines = plain.split('\n');

  it('ends with the tally alone on the last line, in the fixed form CI tools read', () => {
    expect(plain.endsWith('\n')).toBe(true);
    expect(lastLine(plain)).toMatch(TALLY);
    expect(lastLine(plain)).toBe('1 passed, 2 failed, 1 non-strict, 1 info, 1 unimplemented, 1 skipped, 1 errors');
    expect(tallyLine(summarize([]))).toBe('0 passed, 0 failed, 0 non-strict, 0 info, 0 unimplemented, 0 skipped, 0 errors');
  });

  it('groups by RFC, then section, with one marked line per check', () => {
    const at = (s: string): number => lines.indexOf(s);
    expect(at('rfc5321')).toBeGreaterThan(-1);
    expect(at('  4.1.4')).toBeGreaterThan(at('rfc5321'));
    expect(at('    ✔ rfc5321/4.1.4/rcpt-before-mail Sends RCPT before any MAIL')).toBeGreaterThan(at('  4.1.4'));
    expect(lines).toContain('    ~ rfc5321/4.1.4/noop-anytime Sends RCPT before any MAIL');
    expect(lines).toContain('    i rfc5321/4.5.2/vrfy-policy Sends RCPT before any MAIL');
    expect(lines).toContain('    - rfc6152/3/body-8bit Sends RCPT before any MAIL');
    expect(lines).toContain('    - rfc5321/4.5.3/sink-roundtrip Sends RCPT before any MAIL');
    expect(lines.some((l) => l.startsWith('    × rfc5321/4.1.4/data-before-rcpt Sends DATA # before RCPT <&>'))).toBe(true);
    expect(lines).toContain('    ! smuggling/bare-lf/end-of-data Sends RCPT before any MAIL');
    expect(at('smuggling')).toBeGreaterThan(at('rfc5321'));
    expect(at('  bare-lf')).toBeGreaterThan(at('smuggling'));
  });

  it('shows requirement, each expected outcome on its own labelled line, actual and reason under a failure', () => {
    const i = lines.findIndex((l) => l.includes('rfc5321/4.1.4/data-before-rcpt'));
    const block = lines.slice(i + 1, i + 8);
    expect(block[0]).toBe('      -> The server MUST refuse it, normally with 503');
    expect(block[1]).toBe('       Expected: 503');
    expect(block[2]).toMatch(/^ {7}Expected: 550 or <&"'> /);
    // The value's CR shows as \r, its LF splits the value, and the rest aligns under it.
    expect(block[2]).toMatch(/\\r$/);
    expect(block[3]).toBe(' '.repeat(17) + ' end');
    expect(block[4]).toMatch(/^ {9}Actual: 354 go ahead ]]> /);
    expect(plain).toMatch(/\n {9}Reason: Accepted DATA /);
  });

  it('shows details for NON-STRICT and ERROR, not for PASS, INFO or skips unless verbose', () => {
    const after = (id: string): string => lines[lines.findIndex((l) => l.includes(id)) + 1] ?? '';
    expect(after('noop-anytime')).toMatch(/^ {6}-> /);
    expect(after('end-of-data')).toMatch(/^ {6}-> /);
    expect(after('rcpt-before-mail')).not.toMatch(/->/);
    expect(after('vrfy-policy')).not.toMatch(/->/);
    expect(after('body-8bit')).not.toMatch(/->/);
    const verbose = renderTerminal(EVERY_GRADE_REPORT, { color: false, verbose: true }).split('\n');
    const vAfter = (id: string): string => verbose[verbose.findIndex((l) => l.includes(id)) + 1] ?? '';
    expect(vAfter('vrfy-policy')).toMatch(/^ {6}-> /);
    expect(vAfter('body-8bit')).toMatch(/^ {6}-> /);
    expect(verbose).toContain('        Transcript:');
    expect(verbose).toContain('        -> EHLO client.test\\r\\n');
    expect(verbose).toContain('        Transcript: (none recorded)');
  });

  it('recaps FAIL and ERROR ids under Failures', () => {
    const recap = lines.slice(lines.indexOf('Failures:') + 1);
    expect(lines.indexOf('Failures:')).toBeGreaterThan(-1);
    const ids = recap.filter((l) => /^ {2}[×!] /.test(l)).map((l) => l.split(' ')[3]);
    expect(ids).toEqual(['rfc5321/4.1.4/data-before-rcpt', 'smuggling/bare-lf/end-of-data', 'smuggling/bare-lf/cr-only']);
    const allPass = renderTerminal(report([result({ id: 'rfc5321/4.1.4/a', grade: 'PASS' })]), { color: false });
    expect(allPass).not.toContain('Failures:');
    expect(lastLine(allPass)).toBe('1 passed, 0 failed, 0 non-strict, 0 info, 0 unimplemented, 0 skipped, 0 errors');
  });

  it('no ANSI escape when color is false, even when a reply carried one; shown escaped instead', () => {
    expect(plain).not.toContain('\u001b');
    expect(plain).toContain('\\x1b[31mred');
    expect(plain).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(plain).toContain('δοκιμή');
  });

  it('colours marks when color is true, but never the tally', () => {
    const colored = renderTerminal(EVERY_GRADE_REPORT, { color: true });
    expect(colored).toContain('\u001b[31m×\u001b[0m');
    expect(colored).toContain('\u001b[32m✔\u001b[0m');
    expect(lastLine(colored)).toMatch(TALLY);
    // Stripping our SGR codes gives back the plain report: colour adds nothing else.
    expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });

  it('property: tally last and correct, no raw control characters, for arbitrary strings', () => {
    const seed = propertySeed('terminal');
    fc.assert(
      fc.property(anyReport, fc.boolean(), (rep, verbose) => {
        const out = renderTerminal(rep, { color: false, verbose });
        const s = summarize(rep.results);
        expect(lastLine(out)).toMatch(TALLY);
        expect(lastLine(out).startsWith(`${s.pass} passed, ${s.fail} failed, `)).toBe(true);
        expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]|\p{Surrogate}/u);
      }),
      { seed, numRuns: 300 },
    );
  });
});

describe('renderProgress', () => {
  const last = EVERY_GRADE[1]!;

  it('is one line with count, percentage, mark and id', () => {
    const p = renderProgress(12, 140, last);
    expect(p).toBe('[ 12/140]   8% × rfc5321/4.1.4/data-before-rcpt');
    expect(p).not.toMatch(/[\r\n]/);
  });

  it('fits the terminal width so a \\r redraw does not wrap, and escapes control characters', () => {
    const long = result({ id: `rfc5321/4.1.4/${'x'.repeat(200)}\u001b[2J`, grade: 'PASS' });
    const p = renderProgress(1, 2, long, { columns: 40 });
    expect(Array.from(p).length).toBeLessThanOrEqual(39);
    expect(p.endsWith('…')).toBe(true);
    expect(renderProgress(1, 1, long, { columns: 500 })).toContain('\\x1b[2J');
    expect(renderProgress(1, 1, long, { columns: 500 })).not.toContain('\u001b');
  });

  it('colours only when asked', () => {
    expect(renderProgress(1, 1, last, { color: true })).toContain('\u001b[31m×\u001b[0m');
    expect(renderProgress(0, 0, last)).toBe('[0/0] 100% × rfc5321/4.1.4/data-before-rcpt');
  });
});
