import { SUMMARY_KEY, type Grade, type Summary } from '../result.js';
import type { ExtensionCell } from './html-extensions.js';
import type { ComparisonExtensionRow } from './compare-extensions.js';

/**
 * Cell texts shared by the terminal table and compare.md, so that both read the same. Callers
 * escape for their medium: these may hold server-sent text (EHLO parameters).
 */

/** One letter per grade, for the compact per-RFC counts: `38✔ 3× 1~`. */
const GRADE_MARKS: ReadonlyArray<readonly [Grade, string]> = [
  ['PASS', '✔'],
  ['FAIL', '×'],
  ['NON-STRICT', '~'],
  ['INFO', 'i'],
  ['UNIMPLEMENTED', 'u'],
  ['SKIPPED', 's'],
  ['ERROR', '!'],
];

export const GRADE_LEGEND = GRADE_MARKS.map(([grade, mark]) => `${mark} ${grade.toLowerCase()}`).join('  ');

/** `38✔ 3× 1~`: the non-zero counts, pass first; `0` for an RFC with no checks on this target. */
export function countsCell(s: Summary | undefined): string {
  if (!s || s.total === 0) return '—';
  return GRADE_MARKS.filter(([grade]) => s[SUMMARY_KEY[grade]] > 0).map(([grade, mark]) => `${s[SUMMARY_KEY[grade]]}${mark}`).join(' ');
}

/** `yes 10485760`, `no`, plus any measured behaviour; a behaviour-only row shows just that. */
export function extensionCellText(row: ComparisonExtensionRow, c: ExtensionCell | undefined): string {
  if (!c) return '—';
  if (row.kind === 'behaviour') return c.behaviour ?? '—';
  const head = c.advertised ? `yes${c.params ? ` ${c.params}` : ''}` : 'no';
  return c.behaviour ? `${head}; ${c.behaviour}` : head;
}
