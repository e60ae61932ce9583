import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';


// The workflow of a server with a known deviation, end to end: a mutant of the reference server is
// "the server"; the baseline is written from its run; then three reruns.
describe('smtpspec baseline write, then run --baseline', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'smtpspec-baseline-'));
  const reports = path.join(dir, 'reports');
  const baselineFile = path.join(dir, 'smtpspec-baseline.json');
  const only = ['--include', 'rfc5321/4.1.4', '--include', 'rfc4954/4', '--report-dir', reports];

  it('writes the known failures of a server with a deviation', async () => {
    const first = await runCli(['run', '--target', 'reference', '--mutant', 'rcpt-before-mail-accepted', ...only]);
    expect(first.code).toBe(1);
    const w = await runCli(['baseline', 'write', '--from', path.join(reports, 'results.json')]);
    expect(w.code).toBe(0);
    const baseline = JSON.parse(w.stdout);
    expect(baseline).toMatchObject({ format: 'smtpspec-baseline', formatVersion: 1, tool: { name: 'smtpspec' }, target: 'reference (mutant rcpt-before-mail-accepted)' });
    expect(baseline.failures).toEqual([{ id: 'rfc5321/4.1.4/rcpt-before-mail', reason: expect.stringContaining('got 250') }]);
    writeFileSync(baselineFile, w.stdout);
  });

  it('the same server again: exit 0, the failure listed as known', async () => {
    const summary = path.join(dir, 'summary.md');
    const r = await runCli(['run', '--target', 'reference', '--mutant', 'rcpt-before-mail-accepted', ...only, '--baseline', baselineFile, '--summary-md', summary]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}known +rfc5321\/4\.1\.4\/rcpt-before-mail$/m);
    expect(r.stdout).toMatch(/0 new, 1 known, 0 fixed/);
    expect(readFileSync(summary, 'utf8')).toMatch(/### Known failures \(1\)[^]*rfc5321\/4\.1\.4\/rcpt-before-mail/);
  });

  it('a server with another deviation: exit 1, the new failure named, the old one fixed', async () => {
    const r = await runCli(['run', '--target', 'reference', '--mutant', 'auth-success-250', ...only, '--baseline', baselineFile]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ {2}new FAIL +rfc4954\/4\/success-235$/m);
    expect(r.stdout).toMatch(/^ {2}fixed +rfc5321\/4\.1\.4\/rcpt-before-mail \(now PASS\)$/m);
    const json = JSON.parse(readFileSync(path.join(reports, 'results.json'), 'utf8'));
    expect(json.baseline.new).toContainEqual({ id: 'rfc4954/4/success-235', grade: 'FAIL' });
  });

  it('the conforming server: exit 0 and the known deviation reported fixed, in the terminal and results.json', async () => {
    const r = await runCli(['run', '--target', 'reference', ...only, '--baseline', baselineFile]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Known deviations now fixed: rfc5321/4.1.4/rcpt-before-mail');
    const json = JSON.parse(readFileSync(path.join(reports, 'results.json'), 'utf8'));
    expect(json.baseline.fixed).toEqual([{ id: 'rfc5321/4.1.4/rcpt-before-mail', grade: 'PASS' }]);
    expect(json.baseline.known).toEqual([]);
  });

  it.each([
    ['a missing file', 'nope.json', /^smtpspec: .*nope\.json: cannot read the baseline: no such file\n$/],
    ['not JSON', 'bad.json', /^smtpspec: .*bad\.json: not valid JSON \(.*\)\n$/],
    ['a results.json instead', 'reports/results.json', /^smtpspec: .*results\.json: format: expected "smtpspec-baseline" \(write one with "smtpspec baseline write --from reports\/results\.json"\), got nothing\n$/],
  ])('a bad baseline (%s): exit 2, one line, before any check runs', async (_what, file, message) => {
    writeFileSync(path.join(dir, 'bad.json'), '{"format":');
    const r = await runCli(['run', '--target', 'reference', ...only, '--baseline', path.join(dir, file)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('baseline write from a file that is not a results.json: exit 2', async () => {
    writeFileSync(path.join(dir, 'other.json'), '{"tool": {"name": "h2spec"}}');
    const r = await runCli(['baseline', 'write', '--from', path.join(dir, 'other.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/other\.json: tool\.name: expected "smtpspec" \(a results\.json written by "smtpspec run"\), got "h2spec"\n$/);
  });
});
