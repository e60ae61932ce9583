import type { CheckResult, RunReport } from '../result.js';
import { el, text } from './html-escape.js';
import { gradeClass, NOT_RUN } from './html-grades.js';
import { formatDuration, type MatrixRow } from './html-model.js';

/**
 * What opens under a check's row: the requirement and the check's identity once, then per target
 * the grade, expected vs actual, reason, duration and the annotated transcript.
 */

/** Identical consecutive lines kept before the rest of the run is folded into one marker line. */
const KEEP_REPEATS = 2;

/**
 * A run of identical lines (a hundred pipelined RCPTs and their hundred 250s) shows its first
 * lines and then how many more there were: the page is for reading, and such runs made up a
 * quarter of a whole-suite transcript. results.json keeps every line.
 */
export function foldRepeats(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    let j = i + 1;
    while (j < lines.length && lines[j] === lines[i]) j++;
    const run = j - i;
    const line = lines[i] ?? '';
    if (run > KEEP_REPEATS + 1) out.push(...Array<string>(KEEP_REPEATS).fill(line), `⋯ ${run - KEEP_REPEATS} more of the same line`);
    else out.push(...Array<string>(run).fill(line));
    i = j;
  }
  return out;
}

/**
 * The transcript as escaped text. The script colours its lines (sent, received, inside TLS,
 * events) when a check is opened, building the spans from the text: wrapping every line here
 * would double the size of the page for rows nobody opens.
 */
function renderTranscript(transcript: string): string {
  if (!transcript) return '<p class="none">No transcript: the check opened no connection.</p>';
  return `<pre class="transcript">${text(foldRepeats(transcript.replace(/\n$/, '').split('\n')).join('\n'))}</pre>`;
}

export function levelClass(level: string): string {
  if (level.startsWith('MUST')) return 'lvl lvl-must';
  if (level.startsWith('SHOULD')) return 'lvl lvl-should';
  if (level === 'MAY') return 'lvl lvl-may';
  return 'lvl lvl-info';
}

/** A list of short strings as `<code>` items, or a dash. */
function codes(items: readonly string[]): string {
  return items.length > 0 ? items.map((s) => el('code', {}, s)).join(' ') : '—';
}

function resultBlock(report: RunReport, r: CheckResult | undefined): string {
  if (!r) {
    return `<section class="res b-none"><h4>${el('span', { class: 'badge g-none' }, NOT_RUN)} ${el('span', { class: 'tname' }, report.target.name)}</h4></section>`;
  }
  const expected = r.expected.length > 0 ? `<ul class="alts">${r.expected.map((e) => `<li>${el('code', {}, e)}</li>`).join('')}</ul>` : '(not recorded)';
  return [
    `<section class="res b-${gradeClass(r.grade).slice(2)}">`,
    `<h4>${el('span', { class: `badge ${gradeClass(r.grade)}` }, r.grade)} ${el('span', { class: 'tname' }, report.target.name)} ${el('span', { class: 'ms' }, formatDuration(r.durationMs))}</h4>`,
    '<dl class="kv">',
    `<dt>Expected</dt><dd>${expected}</dd>`,
    `<dt>Actual</dt><dd>${el('code', { class: 'actual' }, r.actual || '(nothing)')}</dd>`,
    r.reason ? `<dt>Reason</dt><dd>${el('span', { class: 'reason' }, r.reason)}</dd>` : '',
    '</dl>',
    renderTranscript(r.transcript),
    '</section>',
  ].join('');
}

export function renderDetails(row: MatrixRow, reports: readonly RunReport[], anchor: string): string {
  const c = row.check;
  const parts = [
    '<div class="body">',
    `<p class="req">${el('span', { class: levelClass(c.level) }, c.level)} ${text(c.requirement)}</p>`,
    '<dl class="kv meta">',
    `<dt>Check</dt><dd><a href="#${text(encodeURIComponent(anchor).replace(/%2F/g, '/'))}">${el('code', {}, c.id)}</a></dd>`,
    `<dt>Catalog</dt><dd>${codes(c.catalog)}</dd>`,
    `<dt>Severity</dt><dd>${text(c.severity)}</dd>`,
    c.requires.length > 0 ? `<dt>Requires</dt><dd>${codes(c.requires)}</dd>` : '',
    c.needs.length > 0 ? `<dt>Needs</dt><dd>${codes(c.needs)}</dd>` : '',
    '</dl>',
    `<div class="results">${reports.map((rep, i) => resultBlock(rep, row.cells[i])).join('\n')}</div>`,
    '</div>',
  ];
  return parts.filter((p) => p !== '').join('\n');
}
