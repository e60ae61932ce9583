import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, RunReport } from '../../../harness/result.js';
import { oneLine, stripNonXmlChars } from '../../../harness/report/chars.js';
import { renderTap, tapEscape, yamlString } from '../../../harness/report/tap.js';
import { writeReports } from '../../../harness/report/write.js';
import { anyReport, propertySeed } from './arbitraries.js';
import { EVERY_GRADE, EVERY_GRADE_REPORT, report, result } from './fixtures.js';
import { startTags, validateJunit } from './xml-check.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TAP_JUNIT = join(ROOT, 'node_modules/tap-junit/bin/tap-junit');

/** Runs the installed tap-junit with the TAP on stdin; its JUnit comes back on stdout. */
function tapJunit(tap: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TAP_JUNIT, '--suite', 'smtpspec', '--classname', 'smtpspec'], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(tap, 'utf8');
  });
}

const notOk = (rs: readonly CheckResult[]): number => rs.filter((r) => r.grade === 'FAIL' || r.grade === 'ERROR').length;
const skips = (rs: readonly CheckResult[]): number => rs.filter((r) => r.grade === 'UNIMPLEMENTED' || r.grade === 'SKIPPED').length;

/** What a third-party consumer makes of our TAP must agree with our own counts and names. */
async function expectTapJunitAgrees(rep: RunReport): Promise<void> {
  const { code, stdout, stderr } = await tapJunit(renderTap(rep));
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const v = await validateJunit(stdout);
  expect(v.rawOutput.split('\n').filter((l) => /error/i.test(l))).toEqual([]);
  expect(v.valid).toBe(true);
  expect(startTags(stdout, 'testsuites')[0]?.attrs).toMatchObject({ tests: String(rep.results.length), failures: String(notOk(rep.results)) });
  expect(startTags(stdout, 'testcase')).toHaveLength(rep.results.length);
  expect(startTags(stdout, 'failure')).toHaveLength(notOk(rep.results));
  expect(startTags(stdout, 'skipped')).toHaveLength(skips(rep.results));
}

describe('renderTap', () => {
  const tap = renderTap(EVERY_GRADE_REPORT);
  const lines = tap.split('\n');
  const points = lines.filter((l) => /^(not )?ok \d+/.test(l));

  it('opens with the version line and a plan, and ends with a newline', () => {
    expect(lines.slice(0, 2)).toEqual(['TAP version 14', `1..${EVERY_GRADE.length}`]);
    expect(tap.endsWith('...\n')).toBe(true);
  });

  it('numbers one test point per check; FAIL and ERROR are not ok; skips carry # SKIP and the reason', () => {
    expect(points).toHaveLength(EVERY_GRADE.length);
    points.forEach((p, i) => {
      const r = EVERY_GRADE[i]!;
      const ok = r.grade !== 'FAIL' && r.grade !== 'ERROR';
      expect(p.startsWith(`${ok ? 'ok' : 'not ok'} ${i + 1} - ${r.id} `)).toBe(true);
      expect(/ # SKIP\b/.test(p)).toBe(r.grade === 'UNIMPLEMENTED' || r.grade === 'SKIPPED');
    });
    expect(points[4]).toBe('ok 5 - rfc6152/3/body-8bit Sends RCPT before any MAIL # SKIP 8BITMIME not advertised');
    expect(points[5]).toBe('ok 6 - rfc5321/4.5.3/sink-roundtrip Sends RCPT before any MAIL # SKIP no sink \\# configured');
  });

  it('escapes # and backslash in descriptions and keeps them on one line', () => {
    expect(points[1]).toBe('not ok 2 - rfc5321/4.1.4/data-before-rcpt Sends DATA \\# before RCPT <&>');
    for (const p of points) {
      // Every # is either escaped or the one SKIP directive.
      expect(p.replace(/ # SKIP.*$/, '')).not.toMatch(/(^|[^\\])(\\\\)*#/);
    }
    expect(tapEscape('a\\#b\r\nc')).toBe('a\\\\\\#b c');
  });

  it('puts a YAML block under every non-PASS point, indented two spaces, with grade, level, requirement, expected, actual and reason', () => {
    const blocks = tap.split(/\n(?=(?:not )?ok \d)/).slice(1);
    expect(blocks).toHaveLength(EVERY_GRADE.length);
    blocks.forEach((b, i) => {
      const r = EVERY_GRADE[i]!;
      const body = b.split('\n').slice(1).filter((l) => l !== '');
      if (r.grade === 'PASS') return expect(body).toEqual([]);
      expect(body[0]).toBe('  ---');
      expect(body.at(-1)).toBe('  ...');
      for (const line of body) expect(line.startsWith('  ')).toBe(true);
      for (const key of ['grade', 'level', 'requirement', 'expected', 'actual', 'reason']) {
        expect(body.some((l) => l.startsWith(`  ${key}:`)), `${r.id} ${key}`).toBe(true);
      }
      expect(body).toContain(`  grade: "${r.grade}"`);
    });
  });

  it('YAML strings are JSON-compatible double-quoted scalars that read back to the sanitised text', () => {
    const s = 'a "q" \\ \u0000 \u0085 \u2028 δ \ud800 \n';
    expect(yamlString(s)).toBe('"a \\"q\\" \\\\  \\u0085 \\u2028 δ  \\n"');
    expect(JSON.parse(yamlString(s))).toBe(stripNonXmlChars(s));
  });

  it('tap-junit reads it: valid JUnit, same testcases, failures, skips and names, and our reasons as failure messages', async () => {
    await expectTapJunitAgrees(EVERY_GRADE_REPORT);
    const { stdout } = await tapJunit(tap);
    const names = startTags(stdout, 'testcase').map((t) => t.attrs.name);
    // tap-parser unescapes \# and \\: the names must come back as we meant them.
    expect(names).toEqual(EVERY_GRADE.map((r) => oneLine(stripNonXmlChars(`${r.id} ${r.title}`)).trim()));
    const messages = startTags(stdout, 'failure').map((t) => t.attrs.message);
    const failing = EVERY_GRADE.filter((r) => r.grade === 'FAIL' || r.grade === 'ERROR');
    // tap-junit writes CR/LF raw into the attribute, which XML reads back as one space.
    expect(messages).toEqual(failing.map((r) => stripNonXmlChars(r.reason || r.requirement).replace(/\r\n|[\r\n\t]/g, ' ')));
  });

  it('tap-junit agrees for an empty run', async () => {
    expect(renderTap(report([]))).toBe('TAP version 14\n1..0\n');
    await expectTapJunitAgrees(report([]));
  });

  it('property: tap-junit agrees on counts for arbitrary strings', async () => {
    const seed = propertySeed('tap');
    await fc.assert(fc.asyncProperty(anyReport, expectTapJunitAgrees), { seed, numRuns: 15 });
  });
});

describe('results.tap as written by writeReports', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'smtpspec-tap-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('converts with tap-junit to valid JUnit with our testcase and failure counts', async () => {
    const rep = report([...EVERY_GRADE, result({ id: 'rfc5321/4.1.4/extra', grade: 'FAIL', title: 'Sends # twice ## here' })]);
    const paths = await writeReports(rep, dir);
    await expectTapJunitAgrees(rep);
    expect(await readFile(paths.tap, 'utf8')).toBe(renderTap(rep));
  });
});
