import { summarize, type Grade, type RunReport, type Summary } from '../result.js';
import { buildExtensionRows, type ComparisonExtensionRow } from './compare-extensions.js';
import { groupInOrder } from './group.js';

/**
 * What `smtpspec compare` shows, computed once from the targets' reports so that the terminal
 * table, compare.md and compare.json say the same thing. Reports are given in the order of the
 * command line; each report's `target.name` is its column.
 */

export interface ComparedTarget {
  readonly name: string;
  readonly url: string;
  readonly summary: Summary;
  /** The folder (relative to compare.json) with this target's results.json, junit.xml, results.tap and index.html. */
  readonly reportDir: string;
  /** Set when the target could not be reached (no connection or no greeting). */
  readonly unreachable?: string;
}

export interface Disagreement {
  readonly id: string;
  readonly title: string;
  /** Target name → grade; a target that did not run the check is left out. */
  readonly grades: Readonly<Record<string, Grade>>;
}

export interface Comparison {
  readonly tool: RunReport['tool'];
  readonly startedAt: string;
  readonly durationMs: number;
  readonly targets: readonly ComparedTarget[];
  /** RFC (in catalog order) → target name → counts per grade. */
  readonly byRfc: Readonly<Record<string, Readonly<Record<string, Summary>>>>;
  /** The checks whose grade is not the same on every target that ran them, in catalog order. */
  readonly disagreements: readonly Disagreement[];
  /** One row per EHLO keyword (advertised + measured behaviour), then measured-only rows. */
  readonly extensions: readonly ComparisonExtensionRow[];
}

export interface CompareRun {
  readonly report: RunReport;
  readonly reportDir: string;
  readonly unreachable?: string | undefined;
}

export function buildComparison(runs: readonly CompareRun[], at: { startedAt: string; durationMs: number }): Comparison {
  const reports = runs.map((r) => r.report);
  const names = reports.map((r) => r.target.name);
  if (new Set(names).size !== names.length) throw new RangeError(`compare needs distinct target names, got ${names.join(', ')}`);
  return {
    tool: reports[0]?.tool ?? { name: 'smtpspec', version: '' },
    startedAt: at.startedAt,
    durationMs: at.durationMs,
    targets: runs.map((r) => ({
      name: r.report.target.name,
      url: r.report.target.url,
      summary: r.report.summary,
      reportDir: r.reportDir,
      ...(r.unreachable ? { unreachable: r.unreachable } : {}),
    })),
    byRfc: countByRfc(reports),
    disagreements: findDisagreements(reports),
    extensions: buildExtensionRows(reports),
  };
}

function countByRfc(reports: readonly RunReport[]): Record<string, Record<string, Summary>> {
  const all = reports.flatMap((r) => r.results.map((x) => x.rfc));
  const out: Record<string, Record<string, Summary>> = {};
  for (const rfc of groupInOrder(all, (x) => x).keys()) {
    out[rfc] = Object.fromEntries(reports.map((r) => [r.target.name, summarize(r.results.filter((x) => x.rfc === rfc))]));
  }
  return out;
}

/** Catalog order: the first report's order, then checks only later reports ran. */
function findDisagreements(reports: readonly RunReport[]): Disagreement[] {
  const byId = new Map<string, { title: string; grades: Record<string, Grade> }>();
  for (const report of reports) {
    for (const r of report.results) {
      const entry = byId.get(r.id) ?? { title: r.title, grades: {} };
      entry.grades[report.target.name] = r.grade;
      byId.set(r.id, entry);
    }
  }
  const out: Disagreement[] = [];
  for (const [id, { title, grades }] of byId) {
    const seen = new Set(Object.values(grades));
    // A check one target did not run (a narrower filter, a newer catalog) is a difference too.
    if (seen.size > 1 || Object.keys(grades).length < reports.length) out.push({ id, title, grades });
  }
  return out;
}
