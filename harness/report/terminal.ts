import { summarize, type CheckResult, type Grade, type RunReport, type Summary } from '../result.js';
import { escapeForTerminal } from './chars.js';
import { groupInOrder } from './group.js';

/**
 * h2spec-style text report: RFC, then section, then one marked line per check, the details of
 * what went wrong under it, a recap of failures, and a tally line CI logs can grep.
 */

export interface TerminalOptions {
  readonly color: boolean;
  /** Also show details of INFO and skipped checks, and the transcript of every non-PASS check (FAIL and ERROR always show theirs). */
  readonly verbose?: boolean;
}

const ANSI = { reset: 0, bold: 1, dim: 2, red: 31, green: 32, yellow: 33, magenta: 35, cyan: 36, gray: 90 } as const;
type Style = keyof typeof ANSI;

const MARKS: Readonly<Record<Grade, { readonly mark: string; readonly style: Style }>> = {
  PASS: { mark: '✔', style: 'green' },
  'NON-STRICT': { mark: '~', style: 'yellow' },
  FAIL: { mark: '×', style: 'red' },
  INFO: { mark: 'i', style: 'cyan' },
  UNIMPLEMENTED: { mark: '-', style: 'gray' },
  SKIPPED: { mark: '-', style: 'gray' },
  ERROR: { mark: '!', style: 'magenta' },
};

type Paint = (style: Style, s: string) => string;
const painter = (color: boolean): Paint => (color ? (style, s) => `\x1b[${ANSI[style]}m${s}\x1b[0m` : (_style, s) => s);

/** Untrusted text made safe for a terminal, split into lines. */
const safeLines = (s: string): string[] => escapeForTerminal(s).split(/\r?\n/);

/**
 * `label: value` with labels right-aligned as h2spec does; a value's further lines (a multi-line
 * reply) align under its first. Each expected outcome gets its own labelled line, so a
 * multi-line outcome cannot be mistaken for two alternatives.
 */
function labelled(indent: string, label: string, value: string): string[] {
  const head = `${indent}${label.padStart(9)}: `;
  const cont = ' '.repeat(head.length);
  return safeLines(value).map((v, i) => `${i === 0 ? head : cont}${v}`);
}

function checkLines(r: CheckResult, opts: TerminalOptions, paint: Paint): string[] {
  const { mark, style } = MARKS[r.grade];
  const title = escapeForTerminal(`${r.id} ${r.title}`).replace(/\n/g, ' ');
  const lines = [`    ${paint(style, mark)} ${r.grade === 'PASS' ? title : paint(style, title)}`];
  const showDetails = r.grade === 'FAIL' || r.grade === 'ERROR' || r.grade === 'NON-STRICT' || (opts.verbose === true && r.grade !== 'PASS');
  if (showDetails) {
    const pad = '      ';
    lines.push(...safeLines(`-> ${r.requirement}`).map((l) => `${pad}${l}`));
    for (const e of r.expected.length > 0 ? r.expected : ['(not recorded)']) lines.push(...labelled(pad, 'Expected', e));
    lines.push(...labelled(pad, 'Actual', r.actual));
    if (r.reason) lines.push(...labelled(pad, 'Reason', r.reason));
  }
  // A failure is judged by its transcript: FAIL and ERROR always show it, the rest with --verbose.
  if (r.grade === 'FAIL' || r.grade === 'ERROR' || (opts.verbose === true && r.grade !== 'PASS')) {
    const pad = '        ';
    lines.push(paint('dim', `${pad}Transcript${r.transcript ? ':' : ': (none recorded)'}`));
    if (r.transcript) lines.push(...safeLines(r.transcript.replace(/\n$/, '')).map((l) => paint('dim', `${pad}${l}`)));
  }
  return lines;
}

/** `57 passed, 2 failed, ...`: fixed wording and order, never coloured, so CI can parse it. */
export function tallyLine(s: Summary): string {
  return `${s.pass} passed, ${s.fail} failed, ${s.nonStrict} non-strict, ${s.info} info, ${s.unimplemented} unimplemented, ${s.skipped} skipped, ${s.error} errors`;
}

export function renderTerminal(report: RunReport, opts: TerminalOptions): string {
  const paint = painter(opts.color);
  const out: string[] = [
    escapeForTerminal(`smtpspec ${report.tool.version} against ${report.target.name} (${report.target.url})`).replace(/\n/g, ' '),
    '',
  ];
  for (const [rfc, ofRfc] of groupInOrder(report.results, (r) => r.rfc)) {
    out.push(paint('bold', escapeForTerminal(rfc)));
    for (const [section, ofSection] of groupInOrder(ofRfc, (r) => r.section)) {
      out.push(`  ${paint('bold', escapeForTerminal(section))}`);
      for (const r of ofSection) out.push(...checkLines(r, opts, paint));
    }
    out.push('');
  }

  const failures = report.results.filter((r) => r.grade === 'FAIL' || r.grade === 'ERROR');
  if (failures.length > 0) {
    out.push(paint('bold', 'Failures:'));
    for (const r of failures) {
      const { mark, style } = MARKS[r.grade];
      out.push(`  ${paint(style, mark)} ${escapeForTerminal(`${r.id} ${r.title}`).replace(/\n/g, ' ')}`);
    }
    out.push('');
  }

  out.push(`Finished in ${(Math.max(0, report.durationMs) / 1000).toFixed(1)} s`);
  // Recomputed, not report.summary: the tally must agree with the lines printed above it.
  out.push(tallyLine(summarize(report.results)));
  return `${out.join('\n')}\n`;
}

export interface ProgressOptions {
  readonly color?: boolean;
  /** Terminal width: a line that wraps cannot be redrawn in place with `\r`. */
  readonly columns?: number;
}

/** `[ 12/140]   8% × rfc5321/4.1.4/rcpt-before-mail`, one line, no newline, for `\r` redraws. */
export function renderProgress(done: number, total: number, last: CheckResult, opts: ProgressOptions = {}): string {
  const width = String(total).length;
  const pct = total > 0 ? Math.min(100, Math.floor((done * 100) / total)) : 100;
  const { mark, style } = MARKS[last.grade];
  const head = `[${String(done).padStart(width)}/${total}] ${String(pct).padStart(3)}% `;
  const id = escapeForTerminal(last.id).replace(/\n/g, ' ');
  const room = Math.max(0, (opts.columns ?? 80) - 1 - head.length - 2);
  const chars = Array.from(id);
  const shown = chars.length > room ? `${chars.slice(0, Math.max(0, room - 1)).join('')}…` : id;
  return `${head}${painter(opts.color === true)(style, mark)} ${shown}`;
}
