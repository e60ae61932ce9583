import { summarize, type CheckResult, type Grade, type RunReport } from '../../../harness/result.js';

/** A CheckResult with sensible defaults; tests override what they are about. */
export function result(overrides: Partial<CheckResult> & { id: string; grade: Grade }): CheckResult {
  const [rfc = 'rfc5321', section = '4.1.4'] = overrides.id.split('/');
  return {
    rfc,
    section,
    title: 'Sends RCPT before any MAIL',
    requirement: 'The server MUST refuse it, normally with 503',
    level: 'MUST',
    severity: 'fail',
    catalog: ['R-5321-4.1.4-a'],
    requires: [],
    needs: [],
    durationMs: 12,
    expected: ['503', '5xx'],
    actual: '250 2.1.5 Ok',
    reason: '',
    transcript: '-> EHLO client.test\\r\\n\n<- 250 mx.test\\r\\n\n',
    ...overrides,
  };
}

export function report(results: readonly CheckResult[], overrides: Partial<RunReport> = {}): RunReport {
  return {
    tool: { name: 'smtpspec', version: '0.1.0' },
    target: { name: 'reference', url: 'smtp://127.0.0.1:2525', greeting: '220 mx.test ESMTP', ehlo: ['PIPELINING', 'SIZE 10485760'] },
    startedAt: '2025-03-01T10:20:30.456Z',
    durationMs: 4321,
    options: { strict: false, timeout: 5000 },
    summary: summarize(results),
    results,
    ...overrides,
  };
}

const NASTY = `<&"'> \u0000 \u001b[31mred\u001b[0m ]]> δοκιμή # not a directive \\ \ud800 \uffff \r\n end`;

/** Every grade, two RFC groups, odd characters everywhere untrusted text can appear. */
export const EVERY_GRADE: readonly CheckResult[] = [
  result({ id: 'rfc5321/4.1.4/rcpt-before-mail', grade: 'PASS', expected: ['503'], actual: '503 5.5.1 Error: need MAIL command' }),
  result({
    id: 'rfc5321/4.1.4/data-before-rcpt',
    grade: 'FAIL',
    title: 'Sends DATA # before RCPT <&>',
    reason: `Accepted DATA ${NASTY}`,
    actual: `354 go ahead ]]> ${NASTY}`,
    expected: ['503', `550 or ${NASTY}`],
  }),
  result({ id: 'rfc5321/4.1.4/noop-anytime', grade: 'NON-STRICT', level: 'SHOULD', severity: 'warn', reason: 'Replied 252, preferred 250', actual: '252 ok' }),
  result({ id: 'rfc5321/4.5.2/vrfy-policy', grade: 'INFO', level: 'INFO', severity: 'info', reason: 'VRFY is disabled — δοκιμή', expected: [] }),
  result({ id: 'rfc6152/3/body-8bit', rfc: 'rfc6152', section: '3', grade: 'UNIMPLEMENTED', requires: ['8BITMIME'], reason: '8BITMIME not advertised', transcript: '' }),
  result({ id: 'rfc5321/4.5.3/sink-roundtrip', grade: 'SKIPPED', needs: ['sink'], reason: 'no sink # configured', transcript: '' }),
  result({ id: 'smuggling/bare-lf/end-of-data', rfc: 'smuggling', section: 'bare-lf', grade: 'ERROR', reason: `Connection reset ${NASTY}`, actual: '** connection reset' }),
  result({ id: 'smuggling/bare-lf/cr-only', rfc: 'smuggling', section: 'bare-lf', grade: 'FAIL', title: `Title with ${NASTY}`, reason: '', transcript: '' }),
];

export const EVERY_GRADE_REPORT: RunReport = report(EVERY_GRADE);
