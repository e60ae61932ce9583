import { writeFile } from 'node:fs/promises';
import { summarize, type CheckResult, type RunReport } from '../harness/result.js';
import { escapeForTerminal, oneLine } from '../harness/report/chars.js';
import type { BaselineComparison } from './baseline.js';

/**
 * `--summary-md FILE`: a Markdown summary for a CI step summary ($GITHUB_STEP_SUMMARY, a merge
 * request comment): the tally, then each failure with its requirement, expected, actual and a
 * folded transcript; with a baseline, new failures apart from the known ones and the fixed ones.
 * Bounded (GitHub truncates step summaries at 1 MiB), and every server-controlled string is
 * escaped so that a reply cannot inject Markdown or HTML into the page.
 */

const MAX_DETAILED = 40;
const MAX_TRANSCRIPT_LINES = 60;
const MAX_TRANSCRIPT_CHARS = 6_000;

/** Text for a Markdown paragraph or table cell: no HTML, no emphasis, no table breaks, one line. */
export function mdText(s: string): string {
  return oneLine(escapeForTerminal(s)).replace(/[\\`*_[\]|<>&~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

/**
 * An inline code span that holds any text (a fence longer than any backtick run inside); HTML is
 * literal in a code span. Not for table cells (a `|` would end the cell).
 */
export function mdCode(s: string): string {
  const text = oneLine(escapeForTerminal(s));
  if (text === '') return '(empty)';
  const run = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(run + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function fencedBlock(s: string): string {
  let lines = escapeForTerminal(s).replace(/\n$/, '').split('\n');
  let cut = '';
  if (lines.length > MAX_TRANSCRIPT_LINES) {
    cut = `… ${lines.length - MAX_TRANSCRIPT_LINES} more lines in results.json`;
    lines = lines.slice(0, MAX_TRANSCRIPT_LINES);
  }
  let text = lines.join('\n');
  if (text.length > MAX_TRANSCRIPT_CHARS) {
    text = text.slice(0, MAX_TRANSCRIPT_CHARS);
    cut = '… cut; the whole transcript is in results.json';
  }
  if (cut) text += `\n${cut}`;
  const run = Math.max(2, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(run + 1);
  return `${fence}text\n${text}\n${fence}`;
}

function details(r: CheckResult): string[] {
  const out = [
    '<details>',
    `<summary><code>${htmlText(r.id)}</code> ${htmlText(r.grade)}: ${htmlText(r.title)}</summary>`,
    '',
    `- **Requirement** (${mdText(r.level)}): ${mdText(r.requirement)}`,
    `- **Expected**: ${r.expected.length > 0 ? r.expected.map(mdCode).join(' or ') : '(not recorded)'}`,
    `- **Actual**: ${mdCode(r.actual)}`,
  ];
  if (r.reason) out.push(`- **Reason**: ${mdText(r.reason)}`);
  out.push('', r.transcript ? fencedBlock(r.transcript) : '_no transcript recorded_', '', '</details>', '');
  return out;
}

function htmlText(s: string): string {
  return oneLine(escapeForTerminal(s)).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

function section(title: string, results: readonly CheckResult[]): string[] {
  if (results.length === 0) return [];
  const out = [`### ${title} (${results.length})`, ''];
  for (const r of results.slice(0, MAX_DETAILED)) out.push(...details(r));
  if (results.length > MAX_DETAILED) out.push(`… and ${results.length - MAX_DETAILED} more: see junit.xml or results.json.`, '');
  return out;
}

export function renderSummaryMarkdown(report: RunReport, baseline?: BaselineComparison): string {
  const s = summarize(report.results);
  const failing = report.results.filter((r) => r.grade === 'FAIL' || r.grade === 'ERROR');
  const ok = baseline ? baseline.new.length === 0 : failing.length === 0;
  const verdict = ok
    ? baseline && baseline.known.length > 0 ? `✅ no new failures (${baseline.known.length} known)` : '✅ passed'
    : baseline ? `❌ ${baseline.new.length} new failure${baseline.new.length === 1 ? '' : 's'}` : `❌ ${failing.length} failed`;
  const out = [
    `## smtpspec: ${mdText(report.target.name)}: ${verdict}`,
    '',
    `smtpspec ${mdText(report.tool.version)} against ${mdCode(report.target.url)}, ${s.total} checks in ${(Math.max(0, report.durationMs) / 1000).toFixed(1)} s.`,
    '',
    '| PASS | FAIL | NON-STRICT | INFO | UNIMPLEMENTED | SKIPPED | ERROR |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    `| ${s.pass} | ${s.fail} | ${s.nonStrict} | ${s.info} | ${s.unimplemented} | ${s.skipped} | ${s.error} |`,
    '',
  ];
  if (baseline) {
    const newIds = new Set(baseline.new.map((n) => n.id));
    const knownIds = new Set(baseline.known);
    out.push(
      `Baseline ${mdCode(baseline.file)} (written for ${mdText(baseline.writtenFor.target)} with smtpspec ${mdText(baseline.writtenFor.toolVersion)}): ` +
        `${baseline.new.length} new, ${baseline.known.length} known, ${baseline.fixed.length} fixed.`,
      '',
    );
    out.push(...section('New failures', failing.filter((r) => newIds.has(r.id))));
    if (baseline.fixed.length > 0) {
      out.push(`### Fixed since the baseline (${baseline.fixed.length})`, '', 'These known deviations no longer fail: remove them from the baseline.', '');
      for (const f of baseline.fixed) out.push(`- ${mdCode(f.id)} now ${f.grade}`);
      out.push('');
    }
    const known = failing.filter((r) => knownIds.has(r.id));
    if (known.length > 0) {
      out.push(`### Known failures (${known.length})`, '', '| check | reason |', '|---|---|');
      for (const r of known) out.push(`| ${mdCode(r.id)} | ${mdText(r.reason)} |`);
      out.push('');
    }
    if (baseline.notChecked.length > 0) {
      out.push(`Not confirmed by this run: ${baseline.notChecked.map((n) => `${mdCode(n.id)} (${n.grade ?? 'not run'})`).join(', ')}.`, '');
    }
  } else {
    out.push(...section('Failures', failing));
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

export async function writeSummaryMarkdown(file: string, report: RunReport, baseline?: BaselineComparison): Promise<void> {
  await writeFile(file, renderSummaryMarkdown(report, baseline), 'utf8');
}
