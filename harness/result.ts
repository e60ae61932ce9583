import type { Level, Need, Severity } from './check.js';

export type Grade = 'PASS' | 'NON-STRICT' | 'FAIL' | 'INFO' | 'UNIMPLEMENTED' | 'SKIPPED' | 'ERROR';

export const GRADES: readonly Grade[] = ['PASS', 'NON-STRICT', 'FAIL', 'INFO', 'UNIMPLEMENTED', 'SKIPPED', 'ERROR'];

export interface CheckResult {
  readonly id: string;
  readonly rfc: string;
  readonly section: string;
  readonly title: string;
  readonly requirement: string;
  readonly level: Level;
  readonly severity: Severity;
  readonly catalog: readonly string[];
  readonly requires: readonly string[];
  readonly needs: readonly Need[];
  readonly grade: Grade;
  readonly durationMs: number;
  readonly expected: readonly string[];
  readonly actual: string;
  readonly reason: string;
  /** Annotated transcript of every connection the check used (credentials redacted). */
  readonly transcript: string;
}

export interface Summary {
  pass: number;
  nonStrict: number;
  fail: number;
  info: number;
  unimplemented: number;
  skipped: number;
  error: number;
  total: number;
}

export interface TargetInfo {
  readonly name: string;
  readonly url: string;
  /** The probe's greeting line(s), or why there was none. */
  readonly greeting: string;
  /** EHLO keywords with parameters as advertised to the probe, e.g. "SIZE 10485760". */
  readonly ehlo: readonly string[];
}

/** How a run's FAILs and ERRORs compare with a baseline of known failures (`run --baseline`). */
export interface BaselineComparison {
  readonly file: string;
  /** Whom and with which version the baseline was written for. */
  readonly writtenFor: { readonly target: string; readonly toolVersion: string };
  /** FAILs listed in the baseline: tolerated. */
  readonly known: readonly string[];
  /** FAILs not in the baseline, and every ERROR: these make the run exit 1. */
  readonly new: readonly { readonly id: string; readonly grade: Grade }[];
  /** Baseline entries that no longer fail (now PASS, NON-STRICT or INFO): remove them from the baseline. */
  readonly fixed: readonly { readonly id: string; readonly grade: Grade }[];
  /** Baseline entries this run could not confirm: SKIPPED, UNIMPLEMENTED, or not run at all (grade null). */
  readonly notChecked: readonly { readonly id: string; readonly grade: Grade | null }[];
}

/** The shape of results.json; later tools (compare, baseline, HTML) read it. */
export interface RunReport {
  readonly tool: { readonly name: 'smtpspec'; readonly version: string };
  readonly target: TargetInfo;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly options: Readonly<Record<string, unknown>>;
  readonly summary: Summary;
  readonly results: readonly CheckResult[];
  /** Present when the run was given --baseline. */
  readonly baseline?: BaselineComparison;
}

/** The Summary field that counts each grade. */
export const SUMMARY_KEY: Readonly<Record<Grade, Exclude<keyof Summary, 'total'>>> = {
  PASS: 'pass',
  'NON-STRICT': 'nonStrict',
  FAIL: 'fail',
  INFO: 'info',
  UNIMPLEMENTED: 'unimplemented',
  SKIPPED: 'skipped',
  ERROR: 'error',
};

export function summarize(results: readonly CheckResult[]): Summary {
  const s: Summary = { pass: 0, nonStrict: 0, fail: 0, info: 0, unimplemented: 0, skipped: 0, error: 0, total: results.length };
  for (const r of results) s[SUMMARY_KEY[r.grade]]++;
  return s;
}
