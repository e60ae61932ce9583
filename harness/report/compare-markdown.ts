import { escapeForTerminal, oneLine } from './chars.js';
import type { Comparison } from './compare-model.js';
import { GRADE_LEGEND, countsCell, extensionCellText } from './compare-text.js';

/**
 * compare.md: the same three tables as the terminal, as GitHub-flavoured Markdown for a note, a
 * pull request or a CI step summary. Every cell is escaped: target names and EHLO parameters come
 * from the command line and from servers, and must not inject Markdown or HTML.
 */

/** One table cell: no HTML, no emphasis, no code spans, no column break, one line. */
function mdCell(s: string): string {
  return oneLine(escapeForTerminal(s)).replace(/[\\`*_[\]|<>&~#]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${head.map(mdCell).join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
  ];
}

export function renderCompareMarkdown(c: Comparison): string {
  const names = c.targets.map((t) => t.name);
  const out: string[] = [`# smtpspec compare: ${names.map(mdCell).join(', ')}`, ''];
  out.push(`smtpspec ${mdCell(c.tool.version)}, started ${mdCell(c.startedAt)}, ${(c.durationMs / 1000).toFixed(1)} s.`, '');
  out.push(...table(['target', 'URL', 'reports', 'status'], c.targets.map((t) => [t.name, t.url, t.reportDir, t.unreachable ? `unreachable: ${t.unreachable}` : 'ran'])), '');
  out.push('## Grades per RFC', '');
  const rows = Object.entries(c.byRfc).map(([rfc, per]) => [rfc, ...names.map((n) => countsCell(per[n]))]);
  rows.push(['total', ...c.targets.map((t) => countsCell(t.summary))]);
  out.push(...table(['RFC', ...names], rows), '', mdCell(GRADE_LEGEND), '');
  out.push('## Disagreements', '');
  if (c.disagreements.length === 0) out.push('The targets agree on every check.', '');
  else out.push(...table(['check', 'title', ...names], c.disagreements.map((d) => [d.id, d.title, ...names.map((n) => d.grades[n] ?? '—')])), '');
  out.push('## Extensions', '', 'Advertised in the EHLO reply, and how the target behaved where the suite measures it.', '');
  out.push(...table(['extension', ...names], c.extensions.map((row) => [row.keyword, ...names.map((_, i) => extensionCellText(row, row.cells[i]))])), '');
  return out.join('\n');
}
