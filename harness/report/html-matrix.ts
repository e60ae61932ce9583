import type { CheckResult, Grade } from '../result.js';
import { renderDetails, levelClass } from './html-details.js';
import { attrs, el, text } from './html-escape.js';
import { GRADES, gradeClass, NOT_RUN } from './html-grades.js';
import { formatDuration, rfcLabel, rowGrades, slugOf, type Matrix, type MatrixRow } from './html-model.js';

/**
 * The filters and the matrix: a sticky header row with one column per target, then RFC and
 * section groups of checks. Each check is a `<details>` whose `<summary>` is its row (keyboard
 * accessible, works without the script); the script only filters. The filter values live in
 * `data-` attributes of each row.
 */

const LEVEL_ORDER = ['MUST', 'MUST NOT', 'SHOULD', 'SHOULD NOT', 'MAY', 'INFO'];

/** The element id of a check: its id, which carries its RFC section (conventions: anchors share it). */
function anchorOf(id: string): string {
  // Real ids always hold a `/`; the page's own ids never do, so a hostile id cannot take theirs.
  const safe = id.replace(/\s/g, '_');
  return safe.includes('/') ? safe : `check-${safe}`;
}

function option(value: string, label: string): string {
  return `<option${attrs({ value })}>${text(label)}</option>`;
}

function renderFilters(m: Matrix): string {
  const rfcs = m.groups.map((g) => option(g.rfc, rfcLabel(g.rfc))).join('');
  const present = new Set(m.rows.map((r) => r.check.level as string));
  const levels = [...LEVEL_ORDER.filter((l) => present.has(l)), ...[...present].filter((l) => !LEVEL_ORDER.includes(l))];
  const rowsWith = (g: Grade): number => m.rows.filter((r) => rowGrades(r).includes(g)).length;
  const grades = GRADES.map((g) => {
    const n = rowsWith(g);
    return `<label${attrs({ class: `chip ${gradeClass(g)}${n === 0 ? ' zero' : ''}` })}><input type="checkbox" name="grade"${attrs({ value: g })}> ${text(g)} <span class="n">${n}</span></label>`;
  }).join('\n');
  const disagreements = m.rows.filter((r) => r.disagreement).length;
  return [
    // Hidden until the script runs: without it the controls would do nothing.
    '<form id="filters" class="filters" role="search" aria-label="Filter checks" hidden>',
    `<label>RFC <select name="rfc">${option('', 'all')}${rfcs}</select></label>`,
    `<label>Level <select name="level">${option('', 'all')}${levels.map((l) => option(l, l)).join('')}</select></label>`,
    `<fieldset class="grades"><legend>Grade (any target)</legend>\n${grades}\n</fieldset>`,
    m.reports.length > 1
      ? `<label class="dis"><input type="checkbox" name="dis"> only disagreements <span class="n">${disagreements}</span></label>`
      : '',
    '<label>Search <input type="search" name="q" placeholder="id or title" autocomplete="off"></label>',
    '<span class="buttons"><button type="reset">Clear filters</button> <button type="button" data-open="1">Expand all</button> <button type="button" data-open="0">Collapse all</button></span>',
    `<output name="shown" aria-live="polite">${m.rows.length} of ${m.rows.length} checks</output>`,
    '</form>',
  ].join('\n');
}

function cell(targetName: string, r: CheckResult | undefined): string {
  if (!r) return `<span${attrs({ class: 'cell g-none', title: `${targetName}: ${NOT_RUN}` })}>${NOT_RUN}</span>`;
  const ms = formatDuration(r.durationMs);
  return `<span${attrs({ class: `cell ${gradeClass(r.grade)}`, title: `${targetName}: ${r.grade}, ${ms}` })}>${r.grade}<small>${ms}</small></span>`;
}

function renderRow(row: MatrixRow, m: Matrix): string {
  const c = row.check;
  const anchor = anchorOf(row.id);
  const summary = [
    '<summary class="row">',
    `<span class="c-check">${el('code', { class: 'slug' }, slugOf(c))} ${el('span', { class: 'title' }, c.title)}</span>`,
    el('span', { class: `c-level ${levelClass(c.level)}` }, c.level),
    m.reports.map((rep, i) => cell(rep.target.name, row.cells[i])).join(''),
    '</summary>',
  ].join('');
  const data = {
    class: 'check',
    id: anchor,
    'data-rfc': c.rfc,
    'data-level': c.level,
    'data-grades': rowGrades(row).join(' '),
    'data-dis': row.disagreement,
  };
  return `<details${attrs(data)}>${summary}\n${renderDetails(row, m.reports, anchor)}\n</details>`;
}

function renderHead(m: Matrix): string {
  const targets = m.reports
    .map((rep, i) => `<span${attrs({ class: 'tcol', 'data-target': i, title: `${rep.target.name} ${rep.target.url}` })}>${text(rep.target.name)}</span>`)
    .join('');
  return `<div class="mhead row"><span class="c-check">Check</span><span class="c-level">Level</span>${targets}</div>`;
}

export function renderMatrix(m: Matrix): string {
  const groups = m.groups.map((g) => {
    const sections = g.sections.map((s) =>
      [
        `<section${attrs({ class: 'sec', 'data-rfc': g.rfc })}>`,
        `<h3 class="sec-h">${text(rfcLabel(g.rfc))} <b>${/^\d/.test(s.section) ? '§' : ''}${text(s.section)}</b> <span class="n">${s.rows.length === 1 ? '1 check' : `${s.rows.length} checks`}</span></h3>`,
        s.rows.map((row) => renderRow(row, m)).join('\n'),
        '</section>',
      ].join('\n'),
    );
    return [`<section${attrs({ class: 'rfc', 'data-rfc': g.rfc })}>`, el('h2', { class: 'rfc-h' }, rfcLabel(g.rfc)), ...sections, '</section>'].join('\n');
  });
  return [
    '<section id="matrix" aria-label="Checks">',
    renderFilters(m),
    `<div class="matrix">`,
    renderHead(m),
    ...groups,
    '<p class="empty" hidden>No check matches the filters.</p>',
    '</div>',
    '</section>',
  ].join('\n');
}
