import { describe, expect, it } from 'vitest';
import { summarize, type CheckResult, type Grade, type RunReport } from '../../harness/result.js';
import { compareWithBaseline, parseBaseline } from '../../cli/baseline.js';
import { mdCode, mdText, renderSummaryMarkdown } from '../../cli/summary-md.js';

const result = (id: string, grade: Grade, over: Partial<CheckResult> = {}): CheckResult => ({
  id, rfc: id.split('/')[0]!, section: id.split('/')[1]!, title: `Sends ${id}`, requirement: 'The server MUST refuse it', level: 'MUST', severity: 'fail',
  catalog: [], requires: [], needs: [], grade, durationMs: 1, expected: ['503', 'any 5xx'], actual: '250 2.1.5 Ok', reason: 'expected 503, got 250',
  transcript: '** connected\n-> RCPT TO:<a@b>\\r\\n\n<- 250 2.1.5 Ok\\r\\n\n', ...over,
});

const report = (results: CheckResult[]): RunReport => ({
  tool: { name: 'smtpspec', version: '0.1.0' }, target: { name: 'mx', url: 'smtp://127.0.0.1:2525', greeting: '', ehlo: [] },
  startedAt: '2025-01-01T00:00:00.000Z', durationMs: 1234, options: {}, summary: summarize(results), results,
});

describe('--summary-md', () => {
  it('tally, and each failure with requirement, expected, actual and a folded transcript', () => {
    const md = renderSummaryMarkdown(report([result('x/1/a', 'PASS'), result('x/1/b', 'FAIL'), result('x/1/c', 'ERROR', { expected: [], actual: '', reason: 'timeout' })]));
    expect(md).toMatch(/^## smtpspec: mx: ❌ 2 failed\n/);
    expect(md).toContain('| 1 | 1 | 0 | 0 | 0 | 0 | 1 |');
    expect(md).toContain('### Failures (2)');
    expect(md).toContain('- **Requirement** (MUST): The server MUST refuse it');
    expect(md).toContain('- **Expected**: `503` or `any 5xx`');
    expect(md).toContain('- **Actual**: `250 2.1.5 Ok`');
    expect(md).toMatch(/<details>\n<summary><code>x\/1\/b<\/code> FAIL: Sends x\/1\/b<\/summary>\n/);
    expect(md).toMatch(/```text\n\*\* connected\n-> RCPT TO:<a@b>\\r\\n\n<- 250 2\.1\.5 Ok\\r\\n\n```/);
    expect(md).toMatch(/x\/1\/c<\/code> ERROR[^]*- \*\*Expected\*\*: \(not recorded\)[^]*- \*\*Reason\*\*: timeout/);
  });

  it('passes: a short page', () => {
    expect(renderSummaryMarkdown(report([result('x/1/a', 'PASS')]))).toMatch(/^## smtpspec: mx: ✅ passed\n[^#]*$/);
  });

  it('with a baseline: new failures in detail, known ones in a table, fixed ones listed', () => {
    const results = [result('x/1/known', 'FAIL'), result('x/1/new', 'FAIL'), result('x/1/fixed', 'PASS')];
    const baseline = parseBaseline('b.json', { format: 'smtpspec-baseline', formatVersion: 1, tool: { name: 'smtpspec', version: '0.1.0' }, target: 'mx', failures: [{ id: 'x/1/known' }, { id: 'x/1/fixed' }] });
    const md = renderSummaryMarkdown(report(results), compareWithBaseline('b.json', baseline, results));
    expect(md).toMatch(/^## smtpspec: mx: ❌ 1 new failure\n/);
    expect(md).toMatch(/### New failures \(1\)\n\n<details>\n<summary><code>x\/1\/new<\/code>/);
    expect(md).toMatch(/### Fixed since the baseline \(1\)[^]*- `x\/1\/fixed` now PASS/);
    expect(md).toMatch(/### Known failures \(1\)\n\n\| check \| reason \|\n\|---\|---\|\n\| `x\/1\/known` \| expected 503, got 250 \|/);
    expect(md).not.toMatch(/<summary><code>x\/1\/known/);
  });

  it('server text cannot inject HTML or Markdown, nor close the code fence', () => {
    const evil = result('x/1/evil', 'FAIL', {
      actual: '250 <img src=x onerror=alert(1)> `code` | cell',
      reason: '</details><script>alert(1)</script> **bold** [link](http://evil)',
      transcript: '<- 250 ```\n</details>\n<- 250 ````\n',
    });
    const md = renderSummaryMarkdown(report([evil]));
    // HTML only inside a code span, where it is literal text.
    expect(md).toContain('- **Actual**: ``250 <img src=x onerror=alert(1)> `code` | cell``');
    expect(md.replace(/``[^\n]*?``/g, '')).not.toContain('<img');
    expect(md).not.toContain('<script>');
    expect(md).toContain('\\*\\*bold\\*\\* \\[link\\]');
    // The fence is longer than any run of backticks inside, so the block ends where we end it.
    expect(md).toMatch(/`````text\n<- 250 ```\n<\/details>\n<- 250 ````\n`````\n/);
    expect(md.match(/<\/details>/g)).toHaveLength(2); // ours, and the one inside the fenced block
    expect(mdCode('a ` b')).toBe('``a ` b``');
    expect(mdText('a|b<c>&')).toBe('a\\|b&lt;c&gt;&amp;');
  });

  it('is bounded: 40 failures in detail, 60 transcript lines each', () => {
    const long = Array.from({ length: 500 }, (_, i) => `<- 250-line ${i}\\r\\n`).join('\n');
    const many = Array.from({ length: 100 }, (_, i) => result(`x/1/f${i}`, 'FAIL', { transcript: long }));
    const md = renderSummaryMarkdown(report(many));
    expect(md.match(/<details>/g)).toHaveLength(40);
    expect(md).toContain('… and 60 more: see junit.xml or results.json.');
    expect(md).toContain('… 440 more lines in results.json');
    expect(md.length).toBeLessThan(200_000);
  });
});
