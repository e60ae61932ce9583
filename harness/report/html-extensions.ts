import type { Grade, RunReport } from '../result.js';
import { attrs, el, text } from './html-escape.js';
import { gradeClass } from './html-grades.js';

/**
 * The extension support table of a compare: one row per EHLO keyword, one cell per report (in the
 * order the reports are given to renderHtml). The compare command fills `behaviour` and `grade`
 * from what the checks saw; `extensionsFromEhlo` gives the part every report already has.
 */
export interface ExtensionTable {
  readonly rows: readonly ExtensionRow[];
}

export interface ExtensionRow {
  /** The EHLO keyword, e.g. `SIZE`, `8BITMIME`, `AUTH`. */
  readonly keyword: string;
  /** One per report, in report order; undefined (or missing at the end) where nothing is known. */
  readonly cells: readonly (ExtensionCell | undefined)[];
}

export interface ExtensionCell {
  /** Whether the target advertised the keyword in its EHLO reply. */
  readonly advertised: boolean;
  /** The keyword's parameters as advertised (`10485760` for SIZE, `PLAIN LOGIN` for AUTH). */
  readonly params?: string;
  /** What the checks saw it do, in a few words: `enforced at MAIL`, `8-bit data refused`. */
  readonly behaviour?: string;
  /** Colours the cell like the matrix (e.g. the worst grade among the keyword's checks). */
  readonly grade?: Grade;
}

/** Keywords in order of first appearance across the reports, each with what every target advertised. */
export function extensionsFromEhlo(reports: readonly RunReport[]): ExtensionTable {
  const rows = new Map<string, (ExtensionCell | undefined)[]>();
  reports.forEach((report, i) => {
    for (const line of report.target.ehlo) {
      const [keyword = '', ...params] = line.trim().split(/\s+/);
      if (!keyword) continue;
      const key = keyword.toUpperCase();
      let cells = rows.get(key);
      if (!cells) {
        cells = reports.map(() => ({ advertised: false }));
        rows.set(key, cells);
      }
      cells[i] = { advertised: true, params: params.join(' ') };
    }
  });
  return { rows: [...rows].map(([keyword, cells]) => ({ keyword, cells })) };
}

function cell(c: ExtensionCell | undefined): string {
  if (!c) return `<td${attrs({ class: 'ext g-none' })}>?</td>`;
  const cls = c.grade ? gradeClass(c.grade) : c.advertised ? 'ext-yes' : 'ext-no';
  const head = c.advertised ? `<b>✔</b>${c.params ? ` ${el('code', {}, c.params)}` : ''}` : '<b>✘</b> not advertised';
  const behaviour = c.behaviour ? `<br>${el('span', { class: 'beh' }, c.behaviour)}` : '';
  const grade = c.grade ? ` ${el('span', { class: 'badge' }, c.grade)}` : '';
  return `<td${attrs({ class: `ext ${cls}` })}>${head}${grade}${behaviour}</td>`;
}

export function renderExtensions(table: ExtensionTable, reports: readonly RunReport[]): string {
  if (table.rows.length === 0) return '';
  const head = reports.map((r) => el('th', { scope: 'col' }, r.target.name)).join('');
  const body = table.rows
    .map((row) => `<tr><th scope="row">${text(row.keyword)}</th>${reports.map((_, i) => cell(row.cells[i])).join('')}</tr>`)
    .join('\n');
  return [
    '<section id="extensions" aria-labelledby="extensions-h">',
    '<h2 id="extensions-h">Extensions</h2>',
    `<div class="scroll"><table class="grid ext-table"><thead><tr><th scope="col">Keyword</th>${head}</tr></thead>`,
    `<tbody>\n${body}\n</tbody></table></div>`,
    '</section>',
  ].join('\n');
}
