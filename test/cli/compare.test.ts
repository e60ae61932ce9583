import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareCommand, parseCompareOptions } from '../../cli/compare.js';
import { reportFolderNames, urlProvider, type TargetProvider } from '../../cli/compare-targets.js';
import { UsageError } from '../../cli/usage.js';
import { mutants } from '../../fixtures/reference/mutants.js';
import type { RunReport } from '../../harness/result.js';
import { runCli } from '../support/cli.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'smtpspec-compare-'));

function capture() {
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void) => new Writable({ write(chunk, _enc, cb) { append(String(chunk)); cb(); } });
  return {
    io: { out: sink((s) => (out += s)), err: sink((s) => (err += s)), color: false },
    get out() { return out; },
    get err() { return err; },
  };
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

/** A loopback port nobody listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const FILTERS = ['--include', 'rfc5321/2.4', '--include', 'rfc5321/4.1.4', '--include', 'smuggling/4.1.1.4', '--seed', '7'];
const MUTANTS = ['bare-lf-ends-data', 'rcpt-before-mail-accepted'] as const;
const kills = (name: string) => mutants.find((m) => m.name === name)!.kills;

describe('smtpspec compare: reference and two mutants', () => {
  const dir = tmp();
  const c = capture();
  let code: number;
  // compare.json as read back: its shape is what the tests check.
  let compare: any;
  beforeAll(async () => {
    code = await compareCommand(parseCompareOptions(['reference', ...MUTANTS.map((m) => `reference:${m}`), '--report-dir', dir, ...FILTERS]), c.io);
    compare = readJson(path.join(dir, 'compare.json'));
  });

  it('exits 0 although the mutants fail checks: a compare is for looking', () => {
    expect(c.err).toBe('');
    expect(code).toBe(0);
  });

  it('writes every target\'s reports in a folder of its own', () => {
    for (const folder of ['reference', 'reference-bare-lf-ends-data', 'reference-rcpt-before-mail-accepted']) {
      for (const file of ['results.json', 'junit.xml', 'results.tap', 'index.html']) expect(existsSync(path.join(dir, folder, file)), `${folder}/${file}`).toBe(true);
    }
    expect(compare.targets.map((t: { name: string; reportDir: string }) => [t.name, t.reportDir])).toEqual([
      ['reference', 'reference'],
      ['reference:bare-lf-ends-data', 'reference-bare-lf-ends-data'],
      ['reference:rcpt-before-mail-accepted', 'reference-rcpt-before-mail-accepted'],
    ]);
  });

  it('the disagreements are exactly the checks a mutant breaks: each kill, graded as in its own results.json', () => {
    const reports: RunReport[] = compare.targets.map((t: { reportDir: string }) => readJson(path.join(dir, t.reportDir, 'results.json')));
    const differing = new Set<string>();
    for (const r of reports[0]!.results) {
      if (reports.slice(1).some((m) => m.results.find((x) => x.id === r.id)?.grade !== r.grade)) differing.add(r.id);
    }
    const ids = compare.disagreements.map((d: { id: string }) => d.id);
    expect(new Set(ids)).toEqual(differing);
    expect(ids).toEqual(expect.arrayContaining([...kills('bare-lf-ends-data'), ...kills('rcpt-before-mail-accepted')]));
    for (const d of compare.disagreements) expect(d.grades.reference, d.id).toBe('PASS');
    const lfDotLf = compare.disagreements.find((d: { id: string }) => d.id === 'smuggling/4.1.1.4/lf-dot-lf');
    expect(lfDotLf.grades).toEqual({ reference: 'PASS', 'reference:bare-lf-ends-data': 'FAIL', 'reference:rcpt-before-mail-accepted': 'PASS' });
  });

  it('counts per RFC agree with each target\'s summary', () => {
    for (const t of compare.targets) {
      const total = Object.values(compare.byRfc as Record<string, Record<string, { total: number; fail: number }>>).reduce((n, per) => n + per[t.name]!.fail, 0);
      expect(total, t.name).toBe(t.summary.fail);
    }
    expect(compare.byRfc.smuggling['reference:bare-lf-ends-data'].fail).toBe(kills('bare-lf-ends-data').length);
  });

  it('the extension table: advertised keywords and bare-LF end of data measured', () => {
    const row = (k: string) => compare.extensions.find((e: { keyword: string }) => e.keyword === k);
    expect(row('SIZE').targets.reference).toEqual({ advertised: true, params: '10485760' });
    expect(row('AUTH').targets.reference.params).toMatch(/PLAIN/);
    expect(row('bare-LF end of data').targets).toEqual({
      reference: { advertised: true, behaviour: 'refused', grade: 'PASS' },
      'reference:bare-lf-ends-data': { advertised: true, behaviour: 'accepted', grade: 'FAIL' },
      'reference:rcpt-before-mail-accepted': { advertised: true, behaviour: 'refused', grade: 'PASS' },
    });
  });

  it('prints the table per RFC, the disagreements and the extensions', () => {
    expect(c.out).toMatch(/^RFC\s+reference\s+reference:bare-lf-ends-data\s+reference:rcpt-before-mail-accepted$/m);
    expect(c.out).toMatch(new RegExp(`^smuggling\\s+\\d+✔\\s+\\d+✔ ${kills('bare-lf-ends-data').length}×\\s+\\d+✔$`, 'm'));
    expect(c.out).toMatch(/^rfc5321\/4\.1\.4\/rcpt-before-mail\s+PASS\s+PASS\s+FAIL$/m);
    expect(c.out).toMatch(/^bare-LF end of data\s+refused\s+accepted\s+refused$/m);
  });

  it('compare.md holds the same tables', () => {
    const md = readFileSync(path.join(dir, 'compare.md'), 'utf8');
    expect(md).toContain('| RFC | reference | reference:bare-lf-ends-data | reference:rcpt-before-mail-accepted |');
    expect(md).toMatch(/\| rfc5321\/4\.1\.4\/rcpt-before-mail \| [^|]+ \| PASS \| PASS \| FAIL \|/);
    expect(md).toContain('| bare-LF end of data | refused | accepted | refused |');
  });

  it('index.html shows all three targets and the extension table', () => {
    const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<title>smtpspec compare: reference, reference:bare-lf-ends-data, reference:rcpt-before-mail-accepted</title>');
    expect(html).toContain('id="extensions"');
    expect(html).toContain('bare-LF end of data');
    expect(html).toContain('smuggling/4.1.1.4/lf-dot-lf');
  });
});

describe('smtpspec compare: a target that cannot be reached', () => {
  it('an unreachable URL: its column is ERROR, the other target still runs, exit 3', async () => {
    const dir = tmp();
    const port = await closedPort();
    const c = capture();
    const code = await compareCommand(parseCompareOptions(['reference', `smtp://127.0.0.1:${port}`, '--report-dir', dir, ...FILTERS]), c.io);
    expect(code).toBe(3);
    expect(c.err).toContain(`target smtp://127.0.0.1:${port} unreachable`);
    const compare = readJson(path.join(dir, 'compare.json'));
    const [ref, down] = compare.targets;
    expect(ref.summary.error).toBe(0);
    expect(ref.summary.pass).toBeGreaterThan(0);
    expect(down.summary.error).toBe(down.summary.total);
    expect(down.unreachable).toMatch(/.+/);
    expect(existsSync(path.join(dir, `127.0.0.1-${port}`, 'results.json'))).toBe(true);
    expect(c.out).toMatch(new RegExp(`^total\\s+\\d+✔\\s+${down.summary.total}!$`, 'm'));
  });

  it('a target that fails to start: ERROR column with the reason, the others are started and stopped', async () => {
    const dir = tmp();
    const stopped: string[] = [];
    const failing: TargetProvider = { matches: (n) => n === 'broken', resolve: async () => { throw new Error('postfix is not installed'); } };
    const tracked: TargetProvider = {
      matches: (n) => n.startsWith('smtp://'),
      resolve: async (n) => ({ ...(await urlProvider.resolve(n)), stop: async () => { stopped.push(n); } }),
    };
    const port = await closedPort();
    const c = capture();
    const code = await compareCommand(parseCompareOptions(['broken', `smtp://127.0.0.1:${port}`, '--report-dir', dir, '--include', 'rfc5321/4.1.4']), c.io, [failing, tracked]);
    expect(code).toBe(3);
    expect(stopped).toEqual([`smtp://127.0.0.1:${port}`]);
    const broken = readJson(path.join(dir, 'broken', 'results.json'));
    expect(broken.results.every((r: { grade: string; reason: string }) => r.grade === 'ERROR' && r.reason.includes('postfix is not installed'))).toBe(true);
    expect(c.err).toMatch(/target broken unreachable: could not start: postfix is not installed/);
  });
});

describe('smtpspec compare: usage', () => {
  it.each([
    [[], /needs at least one target/],
    [['reference', 'reference'], /given twice/],
    [['reference:no-such-mutant'], /unknown mutant "no-such-mutant"/],
    [['postfox'], /unknown target "postfox"/],
    [['http://x'], /scheme http:/],
    [['reference', '--mutant', 'x'], /Unknown option '--mutant'/],
    [['reference', '--level', 'loud'], /--level must be/],
  ])('%j is a usage error', async (args, message) => {
    const attempt = async () => compareCommand(parseCompareOptions(args as string[]), capture().io);
    await expect(attempt()).rejects.toThrow(UsageError);
    await expect(attempt()).rejects.toThrow(message);
  });

  it('options between and after targets; flags keep run\'s meaning and defaults', () => {
    const o = parseCompareOptions(['reference', '--include', 'rfc5321/4.1.4', 'smtp://127.0.0.1:2525', '--concurrency=3', '--', '--odd-name']);
    expect(o.targets).toEqual(['reference', 'smtp://127.0.0.1:2525', '--odd-name']);
    expect(o.run).toMatchObject({ include: ['rfc5321/4.1.4'], concurrency: 3, timeoutMs: 10_000, reportDir: 'reports' });
  });

  it('folder names are safe and distinct', () => {
    expect(reportFolderNames(['reference:x', 'smtp://[::1]:25', 'a/../b', 'A:x', 'a-x', 'compare.json', '..'])).toEqual(['reference-x', '1-25', 'a-..-b', 'A-x', 'a-x-2', 'compare.json-2', 'target']);
  });

  it('through the built CLI: exit 2 with one line for a bad target, and help mentions compare', async () => {
    const bad = await runCli(['compare', 'reference:nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const help = await runCli(['--help']);
    expect(help.stdout).toContain('smtpspec compare');
  });
});
