import type { CheckResult, RunReport, Summary, TargetInfo } from '../result.js';

/**
 * results.json is read by later tools (compare, baseline, HTML) and diffed by people between
 * runs, so its key order is fixed here, in the order the types declare, rather than left to
 * however the runner happened to build the objects.
 */

const REPORT_KEYS = ['tool', 'target', 'startedAt', 'durationMs', 'options', 'summary', 'results', 'baseline'] as const;
const TOOL_KEYS = ['name', 'version'] as const;
const TARGET_KEYS = ['name', 'url', 'greeting', 'ehlo'] as const;
const SUMMARY_KEYS = ['pass', 'nonStrict', 'fail', 'info', 'unimplemented', 'skipped', 'error', 'total'] as const;
const RESULT_KEYS = [
  'id', 'rfc', 'section', 'title', 'requirement', 'level', 'severity', 'catalog', 'requires', 'needs',
  'grade', 'durationMs', 'expected', 'actual', 'reason', 'transcript',
] as const;

// Compile-time reminders: a field added to result.ts without being listed above fails tsc here
// instead of landing at the end of every object.
type Unlisted<T, K extends readonly PropertyKey[]> = Exclude<keyof T, K[number]>;
const listsAreComplete: [
  Unlisted<RunReport, typeof REPORT_KEYS>,
  Unlisted<RunReport['tool'], typeof TOOL_KEYS>,
  Unlisted<TargetInfo, typeof TARGET_KEYS>,
  Unlisted<Summary, typeof SUMMARY_KEYS>,
  Unlisted<CheckResult, typeof RESULT_KEYS>,
] extends [never, never, never, never, never] ? true : false = true;
void listsAreComplete;

/** Known keys first, in declared order; anything else a newer runner added follows, unchanged. */
function ordered(obj: object, keys: readonly string[]): Record<string, unknown> {
  const src = obj as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in src) out[k] = src[k];
  for (const k of Object.keys(src)) if (!(k in out)) out[k] = src[k];
  return out;
}

/** Options have no declared order; sorting makes two runs with the same flags diff clean. */
function sortedDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedDeep);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const src = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(src).sort().map((k) => [k, sortedDeep(src[k])]));
  }
  return value;
}

// Options are `unknown`: a bigint (e.g. a --seed parsed as one) would make JSON.stringify throw.
function replacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

export function renderJson(report: RunReport): string {
  const doc = ordered(report, REPORT_KEYS);
  doc.tool = ordered(report.tool, TOOL_KEYS);
  doc.target = ordered(report.target, TARGET_KEYS);
  doc.options = sortedDeep(report.options);
  doc.summary = ordered(report.summary, SUMMARY_KEYS);
  doc.results = report.results.map((r) => ordered(r, RESULT_KEYS));
  return `${JSON.stringify(doc, replacer, 2)}\n`;
}
