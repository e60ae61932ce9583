import { describe, expect, it } from 'vitest';
import type { CheckResult, Grade, RunReport } from '../../../harness/result.js';
import { applyRule, BEHAVIOUR_RULES, buildExtensionRows, WELL_KNOWN_KEYWORDS, type BehaviourRule } from '../../../harness/report/compare-extensions.js';
import { renderCompareJson } from '../../../harness/report/compare-json.js';
import { renderCompareMarkdown } from '../../../harness/report/compare-markdown.js';
import { buildComparison, type Comparison } from '../../../harness/report/compare-model.js';
import { renderCompareTerminal } from '../../../harness/report/compare-terminal.js';
import { report, result } from './fixtures.js';

const at = { startedAt: '2026-01-02T03:04:05.000Z', durationMs: 12_345 };

function target(name: string, grades: Readonly<Record<string, Grade>>, ehlo: readonly string[], extra: Partial<CheckResult> = {}): RunReport {
  const results = Object.entries(grades).map(([id, grade]) => result({ id, grade, ...extra }));
  return report(results, { target: { name, url: `smtp://127.0.0.1:${name.length}`, greeting: '220 x', ehlo } });
}

const A = target('alpha', {
  'rfc5321/4.1.4/rcpt-before-mail': 'PASS',
  'rfc5321/2.4/lower-case-verbs': 'PASS',
  'rfc6152/3/body-values-accepted': 'PASS',
  'smuggling/4.1.1.4/lf-dot-lf': 'PASS',
  'smuggling/4.1.1.4/crlf-dot-lf': 'PASS',
}, ['PIPELINING', '8BITMIME', 'SIZE 10485760', 'AUTH PLAIN LOGIN', 'XCLIENT NAME ADDR']);

const B = target('beta', {
  'rfc5321/4.1.4/rcpt-before-mail': 'FAIL',
  'rfc5321/2.4/lower-case-verbs': 'PASS',
  'rfc6152/3/body-values-accepted': 'UNIMPLEMENTED',
  'smuggling/4.1.1.4/lf-dot-lf': 'FAIL',
  'smuggling/4.1.1.4/crlf-dot-lf': 'PASS',
}, ['PIPELINING', 'SIZE 52428800', 'STARTTLS']);

const comparison = (): Comparison => buildComparison([{ report: A, reportDir: 'alpha' }, { report: B, reportDir: 'beta' }], at);

describe('buildComparison', () => {
  it('counts grades per RFC and target, in catalog order', () => {
    const c = comparison();
    expect(Object.keys(c.byRfc)).toEqual(['rfc5321', 'rfc6152', 'smuggling']);
    expect(c.byRfc.rfc5321?.alpha).toMatchObject({ pass: 2, fail: 0, total: 2 });
    expect(c.byRfc.rfc5321?.beta).toMatchObject({ pass: 1, fail: 1, total: 2 });
    expect(c.byRfc.rfc6152?.beta).toMatchObject({ unimplemented: 1 });
    expect(c.targets.map((t) => [t.name, t.reportDir, t.summary.total])).toEqual([['alpha', 'alpha', 5], ['beta', 'beta', 5]]);
  });

  it('lists exactly the checks whose grades differ, with every grade', () => {
    const c = comparison();
    expect(c.disagreements.map((d) => d.id)).toEqual(['rfc5321/4.1.4/rcpt-before-mail', 'rfc6152/3/body-values-accepted', 'smuggling/4.1.1.4/lf-dot-lf']);
    expect(c.disagreements[0]?.grades).toEqual({ alpha: 'PASS', beta: 'FAIL' });
  });

  it('refuses two targets of one name (their columns would merge)', () => {
    expect(() => buildComparison([{ report: A, reportDir: 'a' }, { report: A, reportDir: 'b' }], at)).toThrow(/distinct/);
  });
});

describe('the extension table', () => {
  it('shows every well-known keyword (advertised or not), then the others, with parameters', () => {
    const rows = buildExtensionRows([A, B]);
    const keywords = rows.map((r) => r.keyword);
    expect(keywords.slice(0, WELL_KNOWN_KEYWORDS.length)).toEqual([...WELL_KNOWN_KEYWORDS]);
    expect(keywords).toContain('XCLIENT');
    const row = (k: string) => rows.find((r) => r.keyword === k)!;
    expect(row('SIZE').cells).toEqual([{ advertised: true, params: '10485760' }, { advertised: true, params: '52428800' }]);
    expect(row('AUTH').cells[0]).toEqual({ advertised: true, params: 'PLAIN LOGIN' });
    expect(row('AUTH').cells[1]).toEqual({ advertised: false });
    expect(row('SMTPUTF8').cells).toEqual([{ advertised: false }, { advertised: false }]);
  });

  it('bare-LF end of data: refused when every bare-LF check passes, accepted when one fails', () => {
    const row = buildExtensionRows([A, B]).find((r) => r.keyword === 'bare-LF end of data');
    expect(row?.kind).toBe('behaviour');
    expect(row?.cells).toEqual([
      { advertised: true, behaviour: 'refused', grade: 'PASS' },
      { advertised: true, behaviour: 'accepted', grade: 'FAIL' },
    ]);
    // No bare-CR check ran: no row.
    expect(buildExtensionRows([A, B]).some((r) => r.keyword === 'bare-CR end of data')).toBe(false);
  });

  const sevenBit = BEHAVIOUR_RULES.find((r) => r.checks.includes('rfc6152/3/relay-to-7bit-hop'))!;
  it.each([
    ['PASS', 'bounced to the sender (after 1.2 s)', '', 'to a 7-bit hop: bounces'],
    ['PASS', 'arrived after 0.3 s; MAIL (no parameters)', '', 'to a 7-bit hop: converts'],
    ['FAIL', 'arrived', '12 octets above 127 reached a hop that does not offer 8BITMIME', 'to a 7-bit hop: passes 8-bit through'],
    ['FAIL', 'arrived', 'the conversion lost information', 'to a 7-bit hop: converts with loss'],
    ['SKIPPED', '', 'no sink', 'to a 7-bit hop: not measured (SKIPPED)'],
  ] as const)('8-bit to a 7-bit hop: %s / %s / %s', (grade, actual, reason, behaviour) => {
    const r = result({ id: 'rfc6152/3/relay-to-7bit-hop', grade, actual, reason });
    expect(applyRule(sevenBit, [r])?.behaviour).toBe(behaviour);
  });

  it('a rule matches by catalog entry too (for checks still being written), and says nothing when no check ran', () => {
    const utf8 = BEHAVIOUR_RULES.find((r) => r.row === 'SMTPUTF8')!;
    const r = result({ id: 'rfc6531/3.2/whatever-it-is-called', catalog: ['6531-3.2-no-silent-downgrade'], grade: 'PASS', actual: 'bounced to the sender' });
    expect(applyRule(utf8, [r])?.behaviour).toMatch(/bounces$/);
    expect(applyRule(utf8, [result({ id: 'rfc5321/4.1.4/x', grade: 'PASS' })])).toBeUndefined();
  });

  it('a new rule is one line: joins a keyword cell, worst grade colours it', () => {
    const rule: BehaviourRule = { row: 'size', label: 'over the limit', checks: ['rfc5321/4.1.4'], outcomes: [{ when: 'all', grades: ['PASS'], text: 'refused' }] };
    const size = buildExtensionRows([A, B], [rule]).find((r) => r.keyword === 'SIZE')!;
    expect(size.cells[0]).toEqual({ advertised: true, params: '10485760', behaviour: 'over the limit: refused', grade: 'PASS' });
    expect(size.cells[1]).toEqual({ advertised: true, params: '52428800', behaviour: 'over the limit: not measured (FAIL)', grade: 'FAIL' });
  });
});

describe('renderers', () => {
  it('terminal: aligned columns of counts per RFC, the disagreements and the extensions', () => {
    const text = renderCompareTerminal(comparison());
    const lines = text.split('\n');
    const header = lines.find((l) => l.startsWith('RFC '))!;
    const row = lines.find((l) => l.startsWith('rfc5321 '))!;
    expect(row).toMatch(/^rfc5321\s+2✔\s+1✔ 1×$/);
    // The second column starts at the same place in the header and the rows.
    expect(row.indexOf('2✔')).toBe(header.indexOf('alpha'));
    expect(text).toMatch(/^total\s+5✔\s+2✔ 2× 1u$/m);
    expect(text).toContain('Disagreements (3 checks)');
    expect(text).toMatch(/^smuggling\/4\.1\.1\.4\/lf-dot-lf\s+PASS\s+FAIL$/m);
    expect(text).toMatch(/^SIZE\s+yes 10485760\s+yes 52428800$/m);
    expect(text).toMatch(/^AUTH\s+yes PLAIN LOGIN\s+no$/m);
    expect(text).toMatch(/^bare-LF end of data\s+refused\s+accepted$/m);
  });

  it('terminal and markdown neutralise what servers and users control', () => {
    const evil = target('x|y <b>', { 'rfc5321/4.1.4/a': 'PASS' }, ['SIZE 1|2 \u001b[31m<img>']);
    const c = buildComparison([{ report: evil, reportDir: 'x' }, { report: A, reportDir: 'a' }], at);
    expect(renderCompareTerminal(c)).not.toContain('\u001b');
    const md = renderCompareMarkdown(c);
    expect(md).not.toMatch(/<b>|<img>|\u001b/);
    expect(md).toContain('x\\|y &lt;b&gt;');
    // Every table row keeps its column count: an escaped | does not split a cell.
    for (const l of md.split('\n').filter((x) => x.startsWith('| SIZE'))) expect(l.replace(/\\\|/g, '').split('|').length).toBe(5);
  });

  it('markdown: the three tables', () => {
    const md = renderCompareMarkdown(comparison());
    expect(md).toContain('| RFC | alpha | beta |');
    expect(md).toContain('| rfc5321 | 2✔ | 1✔ 1× |');
    expect(md).toMatch(/\| rfc5321\/4\.1\.4\/rcpt-before-mail \| .* \| PASS \| FAIL \|/);
    expect(md).toContain('| bare-LF end of data | refused | accepted |');
  });

  it('json: the documented shape, cells keyed by target name', () => {
    const doc = JSON.parse(renderCompareJson(comparison()));
    expect(Object.keys(doc)).toEqual(['tool', 'startedAt', 'durationMs', 'targets', 'byRfc', 'disagreements', 'extensions']);
    expect(doc.targets[1]).toMatchObject({ name: 'beta', url: 'smtp://127.0.0.1:4', reportDir: 'beta', summary: { fail: 2 } });
    expect(doc.byRfc.smuggling.beta.fail).toBe(1);
    expect(doc.disagreements[2]).toEqual({ id: 'smuggling/4.1.1.4/lf-dot-lf', title: expect.any(String), grades: { alpha: 'PASS', beta: 'FAIL' } });
    const size = doc.extensions.find((e: { keyword: string }) => e.keyword === 'SIZE');
    expect(size).toEqual({ keyword: 'SIZE', kind: 'keyword', targets: { alpha: { advertised: true, params: '10485760' }, beta: { advertised: true, params: '52428800' } } });
  });
});
