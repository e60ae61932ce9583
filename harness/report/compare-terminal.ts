import { escapeForTerminal, oneLine } from './chars.js';
import type { Comparison } from './compare-model.js';
import { GRADE_LEGEND, countsCell, extensionCellText } from './compare-text.js';

/**
 * The terminal view of a compare: targets × RFC with counts per grade, the checks on which the
 * targets disagree with the grade of each, and the extension support table. Plain text (no
 * colour): the columns must line up in a CI log as well as in a terminal.
 */

const safe = (s: string): string => oneLine(escapeForTerminal(s));

/** Characters a terminal shows in one column each: good enough for the marks used here. */
const width = (s: string): number => [...s].length;

function renderTable(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const all = [head, ...rows].map((r) => r.map(safe));
  const widths = head.map((_, i) => Math.max(...all.map((r) => width(r[i] ?? ''))));
  const line = (r: readonly string[]) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat((widths[i] ?? 0) - width(c)))).join('  ').trimEnd();
  return [line(all[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...all.slice(1).map(line)];
}

export function renderCompareTerminal(c: Comparison): string {
  const names = c.targets.map((t) => t.name);
  const out: string[] = [`smtpspec ${c.tool.version} compare: ${names.map(safe).join(', ')}`, ''];
  for (const t of c.targets) {
    out.push(`  ${safe(t.name)}  ${safe(t.url)}${t.unreachable ? `  UNREACHABLE: ${safe(t.unreachable)}` : ''}  → ${safe(t.reportDir)}`);
  }
  out.push('', 'Grades per RFC', '');
  const rfcRows = Object.entries(c.byRfc).map(([rfc, per]) => [rfc, ...names.map((n) => countsCell(per[n]))]);
  rfcRows.push(['total', ...c.targets.map((t) => countsCell(t.summary))]);
  out.push(...renderTable(['RFC', ...names], rfcRows), `(${GRADE_LEGEND})`, '');

  if (c.disagreements.length === 0) {
    out.push('The targets agree on every check.');
  } else {
    out.push(`Disagreements (${c.disagreements.length} checks)`, '');
    out.push(...renderTable(['check', ...names], c.disagreements.map((d) => [d.id, ...names.map((n) => d.grades[n] ?? '—')])));
  }
  out.push('', 'Extensions (advertised in EHLO; measured behaviour where the suite sees it)', '');
  out.push(...renderTable(['extension', ...names], c.extensions.map((row) => [row.keyword, ...names.map((_, i) => extensionCellText(row, row.cells[i]))])));
  out.push('', `Compared ${names.length} targets in ${(c.durationMs / 1000).toFixed(1)} s`);
  return out.join('\n') + '\n';
}
