import { describe, expect, it } from 'vitest';
import type { CheckResult, RunReport } from '../../../harness/result.js';
import { renderJson } from '../../../harness/report/json.js';
import { EVERY_GRADE, EVERY_GRADE_REPORT, report, result } from './fixtures.js';

/** The same object with its keys in reverse insertion order, recursively. */
function shuffled<T>(value: T): T {
  if (Array.isArray(value)) return value.map(shuffled) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, shuffled(v)])) as T;
  }
  return value;
}

describe('renderJson', () => {
  const json = renderJson(EVERY_GRADE_REPORT);

  it('is pretty-printed JSON with a trailing newline that reads back to the report', () => {
    expect(json.endsWith('}\n')).toBe(true);
    expect(json.split('\n')[1]).toBe('  "tool": {');
    expect(JSON.parse(json)).toEqual(EVERY_GRADE_REPORT);
  });

  it('keeps the key order of the types whatever order the runner built the objects in', () => {
    const again = renderJson(shuffled(EVERY_GRADE_REPORT));
    expect(again).toBe(json);
    const doc = JSON.parse(json) as RunReport;
    expect(Object.keys(doc)).toEqual(['tool', 'target', 'startedAt', 'durationMs', 'options', 'summary', 'results']);
    expect(Object.keys(doc.target)).toEqual(['name', 'url', 'greeting', 'ehlo']);
    expect(Object.keys(doc.summary)).toEqual(['pass', 'nonStrict', 'fail', 'info', 'unimplemented', 'skipped', 'error', 'total']);
    expect(Object.keys(doc.results[0] as CheckResult)).toEqual([
      'id', 'rfc', 'section', 'title', 'requirement', 'level', 'severity', 'catalog', 'requires', 'needs',
      'grade', 'durationMs', 'expected', 'actual', 'reason', 'transcript',
    ]);
  });

  it('sorts option keys and keeps fields it does not know, after the known ones', () => {
    const extra = { ...result({ id: 'rfc5321/4.1.4/a', grade: 'PASS' }), flaky: true } as CheckResult;
    const doc = JSON.parse(renderJson(report([extra], { options: { z: 1, a: { y: 2, b: 3 }, seed: 12n } }))) as RunReport;
    expect(Object.keys(doc.results[0] as object).at(-1)).toBe('flaky');
    expect(JSON.stringify(doc.options)).toBe('{"a":{"b":3,"y":2},"seed":"12","z":1}');
  });

  it('keeps every string exactly, odd characters included (JSON can carry them all)', () => {
    const doc = JSON.parse(json) as RunReport;
    expect(doc.results.map((r) => r.reason)).toEqual(EVERY_GRADE.map((r) => r.reason));
    expect(json).toContain('δοκιμή');
    expect(json).toContain('\\u0000');
  });
});
