import type { Comparison } from './compare-model.js';

/**
 * compare.json: `{ tool, startedAt, durationMs, targets: [{ name, url, summary, reportDir }],
 * byRfc: { rfc: { target: summary } }, disagreements: [{ id, title, grades: { target: grade } }],
 * extensions: [{ keyword, kind, targets: { target: { advertised, params?, behaviour?, grade? } } }] }`.
 * Cells are keyed by target name (not by position) so that a reader need not know the column order.
 */
export function renderCompareJson(c: Comparison): string {
  const names = c.targets.map((t) => t.name);
  const doc = {
    tool: c.tool,
    startedAt: c.startedAt,
    durationMs: c.durationMs,
    targets: c.targets,
    byRfc: c.byRfc,
    disagreements: c.disagreements,
    extensions: c.extensions.map((row) => ({
      keyword: row.keyword,
      kind: row.kind,
      targets: Object.fromEntries(names.flatMap((n, i) => (row.cells[i] ? [[n, row.cells[i]]] : []))),
    })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
