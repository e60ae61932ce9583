import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summarize, type CheckResult } from '../../../harness/result.js';
import { stripNonXmlChars } from '../../../harness/report/chars.js';
import { junitTimestamp, renderJunit } from '../../../harness/report/junit.js';
import { anyReport, propertySeed } from './arbitraries.js';
import { EVERY_GRADE, EVERY_GRADE_REPORT, report, result } from './fixtures.js';
import { startTags, texts, validateJunit } from './xml-check.js';

// XML 1.0 Char production, negated: none of these may appear in a well-formed document.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

function expectValid(v: { valid: boolean; rawOutput: string }): void {
  expect(v.rawOutput.split('\n').filter((l) => /error/i.test(l))).toEqual([]);
  expect(v.valid).toBe(true);
}

/** The counts every testsuite/testsuites element must carry for these results. */
function expectedCounts(results: readonly CheckResult[]): Record<string, string> {
  const s = summarize(results);
  return { tests: String(s.total), failures: String(s.fail), errors: String(s.error), skipped: String(s.unimplemented + s.skipped) };
}

/** Our house rule, stricter than the schema (anchors §5): always name, classname and time. */
function expectHouseRules(xml: string, results: readonly CheckResult[]): void {
  const [root, ...more] = startTags(xml, 'testsuites');
  expect(more).toEqual([]);
  expect(root?.attrs).toMatchObject({ name: 'smtpspec', ...expectedCounts(results) });
  const suites = startTags(xml, 'testsuite');
  const rfcs = [...new Set(results.map((r) => r.rfc))];
  expect(suites.map((s) => s.attrs.name)).toEqual(rfcs);
  for (const suite of suites) {
    const mine = results.filter((r) => r.rfc === suite.attrs.name);
    expect(suite.attrs).toMatchObject(expectedCounts(mine));
    for (const a of ['time', 'timestamp', 'hostname']) expect(suite.attrs[a], a).toBeTypeOf('string');
  }
  // Suites in order of first appearance, cases in run order within each suite.
  const inSuiteOrder = rfcs.flatMap((rfc) => results.filter((r) => r.rfc === rfc));
  const cases = startTags(xml, 'testcase');
  expect(cases).toHaveLength(results.length);
  cases.forEach((c, i) => {
    const r = inSuiteOrder[i]!;
    expect(c.attrs.name).toBe(stripNonXmlChars(`${r.id} ${r.title}`));
    expect(c.attrs.classname).toBe(`${r.rfc}.${r.section}`);
    expect(c.attrs.time).toMatch(/^\d+\.\d{3}$/);
  });
  expect(startTags(xml, 'failure')).toHaveLength(results.filter((r) => r.grade === 'FAIL').length);
  expect(startTags(xml, 'error')).toHaveLength(results.filter((r) => r.grade === 'ERROR').length);
  expect(startTags(xml, 'skipped')).toHaveLength(results.filter((r) => r.grade === 'UNIMPLEMENTED' || r.grade === 'SKIPPED').length);
}

describe('renderJunit', () => {
  const xml = renderJunit(EVERY_GRADE_REPORT);

  it('validates against the Surefire/Jenkins XSD with every grade and hostile text', async () => {
    expectValid(await validateJunit(xml));
  });

  it('the schema is not a rubber stamp: it rejects a testcase without name and a NUL character reference', async () => {
    const noName = xml.replace(/<testcase name="[^"]*"/, '<testcase');
    const nul = xml.replace('<system-out>', '<system-out>&#0;');
    const v1 = await validateJunit(noName);
    const v2 = await validateJunit(nul);
    expect(v1.valid).toBe(false);
    expect(v2.valid).toBe(false);
  });

  it('starts with the XML declaration and keeps counts, names, classnames and times', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expectHouseRules(xml, EVERY_GRADE);
    expect(startTags(xml, 'testsuites')[0]?.attrs).toMatchObject({ tests: '8', failures: '2', errors: '1', skipped: '2', time: '4.321' });
  });

  it('stamps suites the way Surefire does: timestamp without zone, hostname of the target', () => {
    for (const s of startTags(xml, 'testsuite')) {
      expect(s.attrs.timestamp).toBe('2025-03-01T10:20:30');
      expect(s.attrs.hostname).toBe('127.0.0.1');
    }
    expect(junitTimestamp('not a date')).toBeUndefined();
    expect(renderJunit(report(EVERY_GRADE, { startedAt: 'garbage' }))).not.toContain('timestamp=');
  });

  it('FAIL is <failure type="FAIL"> with requirement, every expected outcome and actual in its body', () => {
    const fail = EVERY_GRADE.find((r) => r.grade === 'FAIL')!;
    const [tag] = startTags(xml, 'failure');
    expect(tag?.attrs.type).toBe('FAIL');
    // Attribute escaping keeps CR/LF/tab as references, so the message reads back exactly.
    expect(tag?.attrs.message).toBe(stripNonXmlChars(fail.reason));
    const body = texts(xml, 'failure')[0] ?? '';
    expect(body).toContain(`Requirement (MUST): ${fail.requirement}`);
    expect(body).toContain('Expected: 503\n');
    expect(body).toContain(`Expected: ${stripNonXmlChars(fail.expected[1]!)}`);
    expect(body).toContain(`Actual: ${stripNonXmlChars(fail.actual)}`);
  });

  it('ERROR is <error type="ERROR">; skips carry GRADE: reason; NON-STRICT and INFO pass with the grade in system-out', () => {
    expect(startTags(xml, 'error')[0]?.attrs.type).toBe('ERROR');
    expect(startTags(xml, 'skipped').map((t) => t.attrs.message)).toEqual([
      'SKIPPED: no sink # configured',
      'UNIMPLEMENTED: 8BITMIME not advertised',
    ]);
    const outs = texts(xml, 'system-out');
    expect(outs.some((o) => o.startsWith('Grade: NON-STRICT\n') && o.includes('Reason: Replied 252, preferred 250'))).toBe(true);
    expect(outs.some((o) => o.startsWith('Grade: INFO\n') && o.includes('δοκιμή'))).toBe(true);
  });

  it('puts the transcript in system-out for every non-PASS case, and says so when there is none', () => {
    const outs = texts(xml, 'system-out');
    expect(outs).toHaveLength(EVERY_GRADE.filter((r) => r.grade !== 'PASS').length);
    expect(outs.filter((o) => o.includes('-> EHLO client.test\\r\\n'))).toHaveLength(4);
    expect(outs.filter((o) => o.includes('Transcript: (none recorded'))).toHaveLength(3);
  });

  it('emits no character XML forbids, no CDATA, no raw ]]> and no lone surrogate', () => {
    expect(xml).not.toMatch(NOT_XML_CHAR);
    expect(xml).not.toContain('CDATA');
    expect(xml).not.toContain(']]>');
    // With the u flag only an unpaired surrogate matches \p{Surrogate}.
    expect(xml).not.toMatch(/\p{Surrogate}/u);
    expect(xml).toContain('δοκιμή');
  });

  it('an empty run is still a valid document', async () => {
    const empty = renderJunit(report([]));
    expect(startTags(empty, 'testsuites')[0]?.attrs).toMatchObject({ tests: '0', failures: '0' });
    expectValid(await validateJunit(empty));
  });

  it('property: any strings in titles, reasons and transcripts give a valid document whose counts match the grades', async () => {
    const seed = propertySeed('junit');
    await fc.assert(
      fc.asyncProperty(anyReport, async (rep) => {
        const out = renderJunit(rep);
        expect(out).not.toMatch(NOT_XML_CHAR);
        expectHouseRules(out, rep.results);
        expectValid(await validateJunit(out));
      }),
      { seed, numRuns: 60 },
    );
  });

  it('a testcase keeps its name attribute when the title is empty', () => {
    const out = renderJunit(report([result({ id: 'rfc5321/4.1.4/x', grade: 'PASS', title: '' })]));
    expect(startTags(out, 'testcase')[0]?.attrs.name).toBe('rfc5321/4.1.4/x ');
  });
});
