import { summarize, type CheckResult, type RunReport } from '../result.js';
import { groupInOrder } from './group.js';
import { xmlAttrs, xmlElement } from './xml.js';

/**
 * JUnit XML in the Surefire/Jenkins dialect, the one CI tools accept (anchors §4.2, §5): every
 * testsuite has name and counts, every testcase has name, classname and time (h2spec's missing
 * `name` broke Jenkins junit-plugin 1.32), FAIL is <failure> and ERROR is <error>.
 *
 * Counts are recomputed from the results instead of copied from `report.summary`, so the
 * attributes cannot disagree with the elements that follow them.
 */

/** Surefire writes `yyyy-MM-ddTHH:mm:ss` without zone or fraction; its XSD pattern rejects more. */
export function junitTimestamp(iso: string): string | undefined {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString().slice(0, 19);
}

/**
 * The host of the target rather than of the machine running the suite: for a conformance run
 * the server under test is what distinguishes one report from another, and rendering stays pure.
 */
function junitHostname(target: RunReport['target']): string {
  try {
    const host = new URL(target.url).hostname;
    if (host) return host;
  } catch {
    // Not a URL (a socket path, a bare name): fall back to the target's name.
  }
  return target.name || 'unknown';
}

/**
 * Milliseconds as JUnit seconds with 3 decimals; NaN, infinities and negatives read as 0.
 * Integer arithmetic on the millisecond count, because `toFixed` switches to exponent
 * notation ("1e+21") past 1e21, which no JUnit reader parses.
 */
export function seconds(ms: number): string {
  const whole = Number.isFinite(ms) && ms > 0 ? BigInt(Math.round(ms)).toString().padStart(4, '0') : '0000';
  return `${whole.slice(0, -3)}.${whole.slice(-3)}`;
}

function counts(results: readonly CheckResult[]): { tests: number; failures: number; errors: number; skipped: number } {
  const s = summarize(results);
  return { tests: s.total, failures: s.fail, errors: s.error, skipped: s.unimplemented + s.skipped };
}

function totalMs(results: readonly CheckResult[]): number {
  return results.reduce((sum, r) => sum + (Number.isFinite(r.durationMs) && r.durationMs > 0 ? r.durationMs : 0), 0);
}

/** Requirement, expected vs actual and reason: the body of <failure>/<error>, the head of NON-STRICT output. */
function details(r: CheckResult): string {
  const lines = [`Requirement (${r.level}): ${r.requirement}`];
  if (r.expected.length === 0) lines.push('Expected: (not recorded)');
  for (const e of r.expected) lines.push(`Expected: ${e}`);
  lines.push(`Actual: ${r.actual}`);
  if (r.reason) lines.push(`Reason: ${r.reason}`);
  return lines.join('\n');
}

function transcript(r: CheckResult): string {
  return r.transcript.length > 0 ? `Transcript:\n${r.transcript}` : 'Transcript: (none recorded; the check opened no connection)';
}

/** The testcase's lines, unindented (text content must not gain indentation, so children stay one line each). */
function testcase(r: CheckResult): string[] {
  const open = `<testcase${xmlAttrs({
    name: `${r.id} ${r.title}`,
    // `<rfc>.<section>`: Jenkins shows the part before the last dot as the package.
    classname: r.section ? `${r.rfc}.${r.section}` : r.rfc,
    time: seconds(r.durationMs),
  })}`;
  const children: string[] = [];
  const message = r.reason || r.requirement;
  switch (r.grade) {
    case 'PASS':
      // The transcript of a pass is in results.json; CI archives would only grow.
      return [`${open}/>`];
    case 'FAIL':
      children.push(xmlElement('failure', { message, type: 'FAIL' }, details(r)), xmlElement('system-out', {}, transcript(r)));
      break;
    case 'ERROR':
      children.push(xmlElement('error', { message, type: 'ERROR' }, details(r)), xmlElement('system-out', {}, transcript(r)));
      break;
    case 'UNIMPLEMENTED':
    case 'SKIPPED':
      children.push(xmlElement('skipped', { message: `${r.grade}: ${r.reason}` }), xmlElement('system-out', {}, transcript(r)));
      break;
    case 'NON-STRICT':
    case 'INFO':
      // JUnit has no "passed with a remark": the grade travels in the output, the case passes.
      children.push(xmlElement('system-out', {}, `Grade: ${r.grade}\n${details(r)}\n\n${transcript(r)}`));
      break;
  }
  return [`${open}>`, ...children.map((c) => `  ${c}`), '</testcase>'];
}

export function renderJunit(report: RunReport): string {
  const timestamp = junitTimestamp(report.startedAt);
  const hostname = junitHostname(report.target);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${xmlAttrs({ name: 'smtpspec', ...counts(report.results), time: seconds(report.durationMs) })}>`,
  ];
  for (const [rfc, results] of groupInOrder(report.results, (r) => r.rfc)) {
    out.push(`  <testsuite${xmlAttrs({ name: rfc, ...counts(results), time: seconds(totalMs(results)), timestamp, hostname })}>`);
    out.push('    <properties>');
    for (const [name, value] of [
      ['smtpspec.version', report.tool.version],
      ['target.name', report.target.name],
      ['target.url', report.target.url],
    ] as const) {
      out.push(`      ${xmlElement('property', { name, value })}`);
    }
    out.push('    </properties>');
    for (const r of results) out.push(...testcase(r).map((line) => `    ${line}`));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}
