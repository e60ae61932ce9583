import { GRADES, SUMMARY_KEY, type Grade, type Summary } from '../result.js';

/**
 * What each grade means, as the page's legend says it (Autobahn's legend, with our two extra
 * grades), and the class that colours it. The colours follow the terminal report's.
 */
export const GRADE_LEGEND: Readonly<Record<Grade, string>> = {
  PASS: 'Does what the RFC requires, with the preferred reply.',
  'NON-STRICT': 'Breaks a SHOULD, or meets a MUST with a reply code other than the preferred one. Still conformant; FAIL under --strict.',
  FAIL: 'Breaks a MUST.',
  INFO: 'The RFC leaves it open; the check records what happened.',
  UNIMPLEMENTED: 'The extension the check needs is not advertised.',
  SKIPPED: 'A precondition is missing (no sink, no credentials, another kind of target).',
  ERROR: 'Harness or connection trouble: the check could not reach a verdict.',
};

/** `g-pass`, `g-non-strict`, …; `g-none` for a check a target did not run. */
export function gradeClass(g: Grade | 'none'): string {
  return `g-${g.toLowerCase()}`;
}

export const NOT_RUN = 'not run';

/** The summary field that counts a grade. */
export function countOf(s: Summary, g: Grade): number {
  return s[SUMMARY_KEY[g]];
}

export { GRADES };
