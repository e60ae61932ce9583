import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckResult, Grade } from '../../harness/result.js';
import { baselineExitCode, baselineFromReport, compareWithBaseline, parseBaseline, renderBaselineTerminal } from '../../cli/baseline.js';
import { UsageError } from '../../cli/usage.js';

const result = (id: string, grade: Grade, reason = ''): CheckResult => ({
  id, rfc: id.split('/')[0]!, section: id.split('/')[1]!, title: `t ${id}`, requirement: 'r', level: 'MUST', severity: 'fail',
  catalog: [], requires: [], needs: [], grade, durationMs: 1, expected: ['250'], actual: '500', reason, transcript: '',
});

const report = (results: CheckResult[]) => ({ tool: { name: 'smtpspec' as const, version: '0.1.0' }, target: { name: 'mx', url: 'smtp://127.0.0.1:25', greeting: '', ehlo: [] }, results });

describe('baseline write', () => {
  it('records the FAILs, sorted, with one-line reasons; never ERROR, NON-STRICT or the rest', () => {
    const b = baselineFromReport(report([
      result('rfc5321/4.1.4/b', 'FAIL', 'two\nlines'),
      result('rfc5321/4.1.4/a', 'FAIL', 'why'),
      result('rfc5321/4.1.4/e', 'ERROR', 'timeout'),
      result('rfc5321/4.1.4/n', 'NON-STRICT'),
      result('rfc5321/4.1.4/p', 'PASS'),
      result('rfc5321/4.1.4/s', 'SKIPPED'),
    ]));
    expect(b).toEqual({
      format: 'smtpspec-baseline', formatVersion: 1, tool: { name: 'smtpspec', version: '0.1.0' }, target: 'mx',
      failures: [{ id: 'rfc5321/4.1.4/a', reason: 'why' }, { id: 'rfc5321/4.1.4/b', reason: 'two lines' }],
    });
    // What it writes, it reads back.
    expect(parseBaseline('b.json', JSON.parse(JSON.stringify(b)))).toEqual(b);
  });
});

describe('baseline comparison', () => {
  const baseline = parseBaseline('b.json', {
    format: 'smtpspec-baseline', formatVersion: 1, tool: { name: 'smtpspec', version: '0.0.9' }, target: 'mx',
    failures: [
      { id: 'x/1/known', reason: '' }, { id: 'x/1/fixed', reason: '' }, { id: 'x/1/lenient', reason: '' },
      { id: 'x/1/skipped', reason: '' }, { id: 'x/1/gone', reason: '' }, { id: 'x/1/now-error', reason: '' },
    ],
  });

  it('sorts results into known, new (FAIL not listed, and every ERROR), fixed and not checked', () => {
    const c = compareWithBaseline('b.json', baseline, [
      result('x/1/known', 'FAIL'), result('x/1/fixed', 'PASS'), result('x/1/lenient', 'NON-STRICT'),
      result('x/1/skipped', 'SKIPPED'), result('x/1/now-error', 'ERROR'), result('x/1/fresh', 'FAIL'), result('x/1/other', 'PASS'),
    ]);
    expect(c.known).toEqual(['x/1/known']);
    expect(c.new).toEqual([{ id: 'x/1/now-error', grade: 'ERROR' }, { id: 'x/1/fresh', grade: 'FAIL' }]);
    expect(c.fixed).toEqual([{ id: 'x/1/fixed', grade: 'PASS' }, { id: 'x/1/lenient', grade: 'NON-STRICT' }]);
    expect(c.notChecked).toEqual([{ id: 'x/1/skipped', grade: 'SKIPPED' }, { id: 'x/1/gone', grade: null }]);
    expect(c.writtenFor).toEqual({ target: 'mx', toolVersion: '0.0.9' });
    expect(baselineExitCode(c)).toBe(1);
    const text = renderBaselineTerminal(c, { color: false });
    expect(text).toMatch(/^ {2}new ERROR +x\/1\/now-error$/m);
    expect(text).toMatch(/^ {2}fixed +x\/1\/fixed \(now PASS\)$/m);
    expect(text).toMatch(/Baseline: 2 new failures \(exit 1\)\n$/);
  });

  it('exit 0 when every FAIL is known', () => {
    const c = compareWithBaseline('b.json', baseline, [result('x/1/known', 'FAIL'), result('x/1/p', 'PASS')]);
    expect(baselineExitCode(c)).toBe(0);
    expect(renderBaselineTerminal(c, { color: false })).toMatch(/every failure is a known one \(exit 0\)/);
  });
});

describe('a bad baseline is one line naming the key, what was expected and what was found', () => {
  const ok = { format: 'smtpspec-baseline', formatVersion: 1, tool: { name: 'smtpspec', version: '0.1.0' }, target: 'mx', failures: [] };
  it.each<[unknown, RegExp]>([
    [[], /^b\.json: expected a baseline object .*got an array$/],
    [{ ...ok, format: 'junit' }, /^b\.json: format: expected "smtpspec-baseline" .*got "junit"$/],
    [{ ...ok, formatVersion: 2 }, /^b\.json: formatVersion: expected 1 .*got 2$/],
    [{ ...ok, failures: {} }, /^b\.json: failures: expected an array of \{"id", "reason"\}, got an object$/],
    [{ ...ok, failures: [{ id: 42 }] }, /^b\.json: failures\[0\]\.id: expected a check id like "rfc5321\/4\.1\.4\/rcpt-before-mail", got 42$/],
    [{ ...ok, failures: [{ id: 'a/1/b' }, { id: 'a/1/b' }] }, /^b\.json: failures\[1\]\.id: "a\/1\/b" is listed twice$/],
    [{ ...ok, failures: [{ id: 'a/1/b', grade: 'FAIL' }] }, /^b\.json: failures\[0\]\.grade: unknown key/],
    [{ ...ok, extra: 1 }, /^b\.json: extra: unknown key/],
  ])('%j', (doc, message) => {
    let caught: unknown;
    try {
      parseBaseline('b.json', doc);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).not.toContain('\n');
  });

  it('a file that is not JSON', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'smtpspec-bl-')), 'b.json');
    writeFileSync(file, '{ nope');
    const { readBaseline } = await import('../../cli/baseline.js');
    await expect(readBaseline(file)).rejects.toThrow(/b\.json: not valid JSON \(/);
    await expect(readBaseline(`${file}.missing`)).rejects.toThrow(/cannot read the baseline: no such file/);
    expect(readFileSync(file, 'utf8')).toBe('{ nope');
  });
});
