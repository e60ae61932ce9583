import { summarize, type CheckResult, type Grade, type RunReport, type Summary } from '../result.js';
import { groupInOrder } from './group.js';

/**
 * The page's view of one or several reports: one row per check (the union over every report, in
 * the order the checks first appear), one cell per report. A check's own text (title,
 * requirement, catalog ids) is taken once, from the first report that ran it; only what differs
 * per target (grade, expected, actual, reason, duration, transcript) is kept per cell, so a
 * five-target compare does not repeat every requirement five times.
 */

export interface MatrixRow {
  readonly id: string;
  /** The check's metadata, from the first report that has it. */
  readonly check: CheckResult;
  /** One per report, in report order; undefined where that target did not run the check. */
  readonly cells: readonly (CheckResult | undefined)[];
  /** Grades differ between targets (a check one target did not run counts as a difference). */
  readonly disagreement: boolean;
}

export interface SectionGroup {
  readonly section: string;
  readonly rows: readonly MatrixRow[];
}

export interface RfcGroup {
  readonly rfc: string;
  readonly sections: readonly SectionGroup[];
}

export interface Matrix {
  readonly reports: readonly RunReport[];
  readonly rows: readonly MatrixRow[];
  readonly groups: readonly RfcGroup[];
  /** Per report, recounted from its results so the tally agrees with the matrix under it. */
  readonly tallies: readonly Summary[];
}

export function buildMatrix(reports: readonly RunReport[]): Matrix {
  const byId = new Map<string, (CheckResult | undefined)[]>();
  const order: string[] = [];
  reports.forEach((report, i) => {
    for (const r of report.results) {
      let cells = byId.get(r.id);
      if (!cells) {
        cells = reports.map(() => undefined);
        byId.set(r.id, cells);
        order.push(r.id);
      }
      // A report listing an id twice is malformed; the first result is the one shown.
      cells[i] ??= r;
    }
  });

  const rows: MatrixRow[] = order.map((id) => {
    const cells = byId.get(id) ?? [];
    const check = cells.find((c) => c !== undefined) as CheckResult;
    const grades = new Set(cells.map((c) => c?.grade));
    return { id, check, cells, disagreement: grades.size > 1 };
  });

  const groups: RfcGroup[] = [...groupInOrder(rows, (r) => r.check.rfc)].map(([rfc, ofRfc]) => ({
    rfc,
    sections: [...groupInOrder(ofRfc, (r) => r.check.section)].map(([section, ofSection]) => ({ section, rows: ofSection })),
  }));

  return { reports, rows, groups, tallies: reports.map((r) => summarize(r.results)) };
}

/** The grades of a row's cells, `none` where a target did not run the check: what the filters match. */
export function rowGrades(row: MatrixRow): (Grade | 'none')[] {
  return row.cells.map((c) => c?.grade ?? 'none');
}

/** `rfc5321` → `RFC 5321`; other groups (`smuggling`) keep their name. */
export function rfcLabel(rfc: string): string {
  const m = /^rfc(\d+)$/i.exec(rfc);
  return m ? `RFC ${m[1]}` : rfc;
}

/** The part of the id after `<rfc>/<section>/`, which the group headings already show. */
export function slugOf(r: Pick<CheckResult, 'id' | 'rfc' | 'section'>): string {
  const prefix = `${r.rfc}/${r.section}/`;
  return r.id.startsWith(prefix) && r.id.length > prefix.length ? r.id.slice(prefix.length) : r.id;
}

/** `12 ms`, `4.3 s`, `2 min 5 s`; NaN, infinities and negatives read as 0 ms. */
export function formatDuration(ms: number): string {
  const v = Number.isFinite(ms) && ms > 0 ? ms : 0;
  if (v < 1000) return `${Math.round(v)} ms`;
  if (v < 60_000) return `${(v / 1000).toFixed(1)} s`;
  const s = Math.round(v / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** `2025-03-01 10:20:30 UTC`, or the string as given when it is not a date. */
export function formatTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : `${new Date(t).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
