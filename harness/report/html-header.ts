import type { RunReport } from '../result.js';
import { attrs, el, text } from './html-escape.js';
import { countOf, GRADE_LEGEND, GRADES, gradeClass } from './html-grades.js';
import { formatDuration, formatTime, type Matrix } from './html-model.js';

/** The top of the page: what ran against what and when, the tally per target, and the legend. */

export function renderHeader(title: string, m: Matrix, withExtensions: boolean): string {
  const versions = [...new Set(m.reports.map((r) => r.tool.version))];
  const started = m.reports.map((r) => Date.parse(r.startedAt)).filter((t) => !Number.isNaN(t));
  const when = started.length > 0 ? formatTime(new Date(Math.min(...started)).toISOString()) : formatTime(m.reports[0]?.startedAt ?? '');
  const targets = m.reports.length === 1 ? `target ${m.reports[0]?.target.name ?? ''}` : `${m.reports.length} targets`;
  const meta = [`smtpspec ${versions.join(', ')}`, when, targets, `${m.rows.length} checks`];
  return [
    '<header class="top">',
    el('h1', {}, title),
    `<p class="meta">${meta.map((s) => el('span', {}, s)).join(' · ')}</p>`,
    `<nav class="toc"><a href="#summary">${m.reports.length === 1 ? 'Target' : 'Targets'}</a><a href="#legend">Legend</a><a href="#matrix">Checks</a>${withExtensions ? '<a href="#extensions">Extensions</a>' : ''}</nav>`,
    '</header>',
  ].join('\n');
}

function tallyRow(report: RunReport, i: number, m: Matrix): string {
  const s = m.tallies[i];
  if (!s) return '';
  const counts = GRADES.map((g) => {
    const n = countOf(s, g);
    return `<td${attrs({ class: n > 0 ? `n ${gradeClass(g)}` : 'n zero', title: `${report.target.name}: ${n} ${g}` })}>${n}</td>`;
  }).join('');
  return [
    '<tr>',
    `<th scope="row">${el('span', { class: 'tname' }, report.target.name)} ${el('code', { class: 'url' }, report.target.url)}</th>`,
    counts,
    `<td class="n">${s.total}</td>`,
    el('td', { class: 'when' }, formatTime(report.startedAt)),
    el('td', { class: 'n' }, formatDuration(report.durationMs)),
    '</tr>',
  ].join('');
}

function optionText(v: unknown): string {
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Greeting, EHLO keywords and options: what identifies a target, folded away as it is long. */
function targetDetails(report: RunReport): string {
  const options = Object.entries(report.options)
    .map(([k, v]) => `${text(k)}=${text(optionText(v))}`)
    .join(' ');
  return [
    '<div class="target">',
    el('h3', {}, report.target.name),
    '<dl class="kv">',
    `<dt>URL</dt><dd>${el('code', {}, report.target.url)}</dd>`,
    `<dt>Greeting</dt><dd>${el('code', {}, report.target.greeting)}</dd>`,
    `<dt>EHLO</dt><dd>${report.target.ehlo.length > 0 ? report.target.ehlo.map((k) => el('code', { class: 'kw' }, k)).join(' ') : '(none)'}</dd>`,
    `<dt>Options</dt><dd><code>${options || '(none)'}</code></dd>`,
    '</dl>',
    '</div>',
  ].join('\n');
}

export function renderSummary(m: Matrix): string {
  const head = GRADES.map((g) => el('th', { scope: 'col', class: gradeClass(g) }, g)).join('');
  return [
    '<section id="summary" aria-labelledby="summary-h">',
    el('h2', { id: 'summary-h' }, m.reports.length === 1 ? 'Target' : 'Targets'),
    '<div class="scroll"><table class="grid tally">',
    `<thead><tr><th scope="col">Target</th>${head}<th scope="col">Total</th><th scope="col">Started</th><th scope="col">Duration</th></tr></thead>`,
    `<tbody>\n${m.reports.map((r, i) => tallyRow(r, i, m)).join('\n')}\n</tbody>`,
    '</table></div>',
    `<details class="targets"><summary>Greeting, EHLO keywords and options</summary>\n${m.reports.map(targetDetails).join('\n')}\n</details>`,
    '</section>',
  ].join('\n');
}

export function renderLegend(): string {
  const items = GRADES.map((g) => `<div>${el('dt', { class: `badge ${gradeClass(g)}` }, g)}${el('dd', {}, GRADE_LEGEND[g])}</div>`).join('\n');
  return ['<section id="legend" aria-labelledby="legend-h">', '<h2 id="legend-h">Legend</h2>', `<dl class="legend">\n${items}\n</dl>`, '</section>'].join('\n');
}
