import type { BaselineComparison, CheckResult, Grade, RunReport } from '../harness/result.js';
import { escapeForTerminal, oneLine } from '../harness/report/chars.js';
import { VERSION } from '../harness/version.js';
import { FileError, describeFound, isObject, keyPath, parseJsonFile, readUserFile } from './validate.js';

/**
 * Baselines: the known deviations of a target, so that CI fails on a NEW failure only (jetty's
 * h2spec `excludeSpecs` ran everything and ignored listed failures; akka-http marked known-failing
 * sections "pending"). A baseline lists the checks that FAIL, with their reasons.
 *
 * ERROR is deliberately not recordable: it means smtpspec could not tell (a setup step refused, a
 * broken connection, a timeout), which is not a known deviation but an unanswered question, and a
 * baseline that accepted it would hide timeouts and flakiness. A check that errors for a known,
 * stable reason is left out explicitly with `--exclude` (or `exclude` in the config file).
 */

export const BASELINE_FORMAT = 'smtpspec-baseline';
export const BASELINE_FORMAT_VERSION = 1;

export interface BaselineEntry {
  readonly id: string;
  readonly reason: string;
}

export interface Baseline {
  readonly format: typeof BASELINE_FORMAT;
  readonly formatVersion: typeof BASELINE_FORMAT_VERSION;
  readonly tool: { readonly name: 'smtpspec'; readonly version: string };
  /** The target the baseline was written for (informational: ports change between CI runs). */
  readonly target: string;
  /** The checks that FAIL, sorted by id. */
  readonly failures: readonly BaselineEntry[];
}

/** Grades that count as "no longer failing" for a baseline entry. */
const NOW_FIXED: readonly Grade[] = ['PASS', 'NON-STRICT', 'INFO'];

/** Declared with the report it is written into (results.json's `baseline` key). */
export type { BaselineComparison } from '../harness/result.js';

// ---------------------------------------------------------------------------------------------
// smtpspec baseline write --from reports/results.json

export interface BaselineWriteOutput {
  readonly json: string;
  /** ERROR results that were not recorded, for a note on stderr. */
  readonly errors: readonly string[];
}

export function baselineFromReport(report: Pick<RunReport, 'tool' | 'target' | 'results'>): Baseline {
  const failures = report.results
    .filter((r) => r.grade === 'FAIL')
    .map((r) => ({ id: r.id, reason: oneLine(r.reason) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    format: BASELINE_FORMAT,
    formatVersion: BASELINE_FORMAT_VERSION,
    tool: { name: 'smtpspec', version: report.tool.version },
    target: report.target.name,
    failures,
  };
}

function renderBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** Reads a results.json written by `smtpspec run`, checking only what a baseline needs. */
async function readResultsFile(file: string): Promise<Pick<RunReport, 'tool' | 'target' | 'results'>> {
  const doc = parseJsonFile(file, readUserFile(file, file, 'results file'));
  if (!isObject(doc)) throw new FileError(file, '', `expected a results.json written by "smtpspec run", got ${describeFound(doc)}`);
  const tool = doc.tool;
  if (!isObject(tool) || tool.name !== 'smtpspec') throw new FileError(file, 'tool.name', `expected "smtpspec" (a results.json written by "smtpspec run"), got ${describeFound(isObject(tool) ? tool.name : tool)}`);
  if (typeof tool.version !== 'string') throw new FileError(file, 'tool.version', `expected a string, got ${describeFound(tool.version)}`);
  const target = doc.target;
  if (!isObject(target) || typeof target.name !== 'string') throw new FileError(file, 'target.name', `expected a string, got ${describeFound(isObject(target) ? target.name : target)}`);
  if (!Array.isArray(doc.results)) throw new FileError(file, 'results', `expected an array, got ${describeFound(doc.results)}`);
  doc.results.forEach((r: unknown, i: number) => {
    const at = keyPath('results', i);
    if (!isObject(r)) throw new FileError(file, at, `expected an object, got ${describeFound(r)}`);
    if (typeof r.id !== 'string') throw new FileError(file, `${at}.id`, `expected a string, got ${describeFound(r.id)}`);
    if (typeof r.grade !== 'string') throw new FileError(file, `${at}.grade`, `expected a grade, got ${describeFound(r.grade)}`);
    if (typeof r.reason !== 'string') throw new FileError(file, `${at}.reason`, `expected a string, got ${describeFound(r.reason)}`);
  });
  return doc as unknown as Pick<RunReport, 'tool' | 'target' | 'results'>;
}

/** `smtpspec baseline write [--from FILE]`: the baseline JSON on stdout. */
export async function baselineWrite(from: string): Promise<BaselineWriteOutput> {
  const report = await readResultsFile(from);
  return { json: renderBaseline(baselineFromReport(report)), errors: report.results.filter((r) => r.grade === 'ERROR').map((r) => r.id) };
}

// ---------------------------------------------------------------------------------------------
// smtpspec run --baseline FILE

/** Reads and validates a baseline; every problem is one line naming the file and the key (exit 2). */
export async function readBaseline(file: string): Promise<Baseline> {
  return parseBaseline(file, parseJsonFile(file, readUserFile(file, file, 'baseline')));
}

export function parseBaseline(file: string, doc: unknown): Baseline {
  const hint = 'write one with "smtpspec baseline write --from reports/results.json"';
  if (!isObject(doc)) throw new FileError(file, '', `expected a baseline object (${hint}), got ${describeFound(doc)}`);
  if (doc.format !== BASELINE_FORMAT) throw new FileError(file, 'format', `expected "${BASELINE_FORMAT}" (${hint}), got ${describeFound(doc.format)}`);
  if (doc.formatVersion !== BASELINE_FORMAT_VERSION) {
    throw new FileError(file, 'formatVersion', `expected ${BASELINE_FORMAT_VERSION} (smtpspec ${VERSION} reads baseline format ${BASELINE_FORMAT_VERSION}), got ${describeFound(doc.formatVersion)}`);
  }
  const tool = doc.tool;
  if (!isObject(tool) || tool.name !== 'smtpspec' || typeof tool.version !== 'string') {
    throw new FileError(file, 'tool', `expected {"name": "smtpspec", "version": "…"}, got ${describeFound(tool)}`);
  }
  if (typeof doc.target !== 'string') throw new FileError(file, 'target', `expected a string, got ${describeFound(doc.target)}`);
  if (!Array.isArray(doc.failures)) throw new FileError(file, 'failures', `expected an array of {"id", "reason"}, got ${describeFound(doc.failures)}`);
  const seen = new Set<string>();
  const failures = doc.failures.map((e: unknown, i: number): BaselineEntry => {
    const at = keyPath('failures', i);
    if (!isObject(e)) throw new FileError(file, at, `expected {"id": "…", "reason": "…"}, got ${describeFound(e)}`);
    if (typeof e.id !== 'string' || !/^[^\s/]+\/[^\s/]+\/\S+$/.test(e.id)) throw new FileError(file, `${at}.id`, `expected a check id like "rfc5321/4.1.4/rcpt-before-mail", got ${describeFound(e.id)}`);
    if (e.reason !== undefined && typeof e.reason !== 'string') throw new FileError(file, `${at}.reason`, `expected a string, got ${describeFound(e.reason)}`);
    for (const k of Object.keys(e)) if (k !== 'id' && k !== 'reason') throw new FileError(file, keyPath(at, k), 'unknown key (an entry has "id" and "reason")');
    if (seen.has(e.id)) throw new FileError(file, `${at}.id`, `"${e.id}" is listed twice`);
    seen.add(e.id);
    return { id: e.id, reason: (e.reason as string | undefined) ?? '' };
  });
  for (const k of Object.keys(doc)) {
    if (!['format', 'formatVersion', 'tool', 'target', 'failures'].includes(k)) throw new FileError(file, keyPath('', k), 'unknown key (a baseline has format, formatVersion, tool, target, failures)');
  }
  return { format: BASELINE_FORMAT, formatVersion: BASELINE_FORMAT_VERSION, tool: { name: 'smtpspec', version: tool.version }, target: doc.target, failures };
}

export function compareWithBaseline(file: string, baseline: Baseline, results: readonly CheckResult[]): BaselineComparison {
  const knownIds = new Set(baseline.failures.map((f) => f.id));
  const byId = new Map(results.map((r) => [r.id, r]));
  const known: string[] = [];
  const fresh: { id: string; grade: Grade }[] = [];
  for (const r of results) {
    if (r.grade === 'FAIL' && knownIds.has(r.id)) known.push(r.id);
    else if (r.grade === 'FAIL' || r.grade === 'ERROR') fresh.push({ id: r.id, grade: r.grade });
  }
  const fixed: { id: string; grade: Grade }[] = [];
  const notChecked: { id: string; grade: Grade | null }[] = [];
  for (const { id } of baseline.failures) {
    const r = byId.get(id);
    if (r === undefined) notChecked.push({ id, grade: null });
    else if (NOW_FIXED.includes(r.grade)) fixed.push({ id, grade: r.grade });
    else if (r.grade === 'SKIPPED' || r.grade === 'UNIMPLEMENTED') notChecked.push({ id, grade: r.grade });
  }
  return { file, writtenFor: { target: baseline.target, toolVersion: baseline.tool.version }, known, new: fresh, fixed, notChecked };
}

/** The baseline's verdict on the run: 1 when there is a new FAIL or any ERROR, else 0. */
export function baselineExitCode(c: BaselineComparison): 0 | 1 {
  return c.new.length > 0 ? 1 : 0;
}

/** The terminal section printed after the tally. */
export function renderBaselineTerminal(c: BaselineComparison, opts: { color: boolean }): string {
  const paint = (code: number, s: string) => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const safe = (s: string) => oneLine(escapeForTerminal(s));
  const out = [
    '',
    `Baseline ${safe(c.file)} (written for ${safe(c.writtenFor.target)} with smtpspec ${safe(c.writtenFor.toolVersion)}): ` +
      `${c.new.length} new, ${c.known.length} known, ${c.fixed.length} fixed`,
  ];
  for (const n of c.new) out.push(`  ${paint(31, `new ${n.grade}`.padEnd(9))}  ${safe(n.id)}`);
  for (const id of c.known) out.push(`  ${paint(33, 'known'.padEnd(9))}  ${safe(id)}`);
  for (const f of c.fixed) out.push(`  ${paint(32, 'fixed'.padEnd(9))}  ${safe(f.id)} (now ${f.grade})`);
  for (const n of c.notChecked) out.push(`  ${paint(90, 'unchecked'.padEnd(9))}  ${safe(n.id)} (${n.grade ?? 'not run'})`);
  if (c.fixed.length > 0) out.push(`Known deviations now fixed: ${c.fixed.map((f) => safe(f.id)).join(', ')}; update the baseline ("smtpspec baseline write").`);
  out.push(c.new.length > 0 ? `Baseline: ${c.new.length} new failure${c.new.length === 1 ? '' : 's'} (exit 1)` : 'Baseline: every failure is a known one (exit 0)');
  return `${out.join('\n')}\n`;
}
