import type { CheckResult, RunReport } from '../result.js';
import { oneLine, stripNonXmlChars } from './chars.js';

/**
 * TAP version 14 (testanything.org/tap-version-14-specification.html): one test point per
 * check, a YAML diagnostic block under every non-PASS one so expected vs actual and the
 * transcript travel with the verdict (conventions: "Every non-PASS result carries ...").
 */

/**
 * A description or directive reason on one line with `#` and `\` escaped (TAP 14: `\#`, `\\`);
 * an unescaped `#` would start a directive, so a title like "Sends # in MAIL" could read as SKIP.
 */
export function tapEscape(s: string): string {
  return oneLine(stripNonXmlChars(s)).replace(/[\\#]/g, (c) => `\\${c}`);
}

/**
 * A YAML double-quoted scalar. JSON string syntax is a subset of YAML's, except that YAML wants
 * DEL, the C1 controls, BOM and U+2028/2029 escaped too (they are not "printable", or are line
 * breaks to YAML 1.1 readers).
 */
export function yamlString(s: string): string {
  return JSON.stringify(stripNonXmlChars(s)).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function yamlBlock(r: CheckResult): string[] {
  const lines = [
    '---',
    `grade: ${yamlString(r.grade)}`,
    `level: ${yamlString(r.level)}`,
    // tap-parser consumers (tap-junit) read `severity` as the failure type and `message` as its
    // text; without `message` they dump the whole block, transcript included, into the attribute.
    `severity: ${yamlString(r.severity)}`,
    `message: ${yamlString(r.reason || r.requirement)}`,
    `requirement: ${yamlString(r.requirement)}`,
    r.expected.length === 0 ? 'expected: []' : 'expected:',
    ...r.expected.map((e) => `  - ${yamlString(e)}`),
    `actual: ${yamlString(r.actual)}`,
    `reason: ${yamlString(r.reason)}`,
    `duration_ms: ${Number.isFinite(r.durationMs) ? r.durationMs : 0}`,
    `transcript: ${yamlString(r.transcript)}`,
    '...',
  ];
  // TAP 14: the block is indented by two spaces relative to its test point.
  return lines.map((l) => `  ${l}`);
}

function testPoint(r: CheckResult, n: number): string[] {
  const description = tapEscape(`${r.id} ${r.title}`);
  switch (r.grade) {
    case 'PASS':
      return [`ok ${n} - ${description}`];
    case 'FAIL':
    case 'ERROR':
      return [`not ok ${n} - ${description}`, ...yamlBlock(r)];
    case 'UNIMPLEMENTED':
    case 'SKIPPED': {
      const reason = tapEscape(r.reason);
      return [`ok ${n} - ${description} # SKIP${reason ? ` ${reason}` : ''}`, ...yamlBlock(r)];
    }
    case 'NON-STRICT':
    case 'INFO':
      return [`ok ${n} - ${description}`, ...yamlBlock(r)];
  }
}

export function renderTap(report: RunReport): string {
  const lines = ['TAP version 14', `1..${report.results.length}`];
  report.results.forEach((r, i) => lines.push(...testPoint(r, i + 1)));
  return `${lines.join('\n')}\n`;
}
