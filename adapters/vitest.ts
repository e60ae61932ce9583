import { beforeAll, describe, test } from 'vitest';
import type { Check } from '../harness/check.js';
import type { CheckResult } from '../harness/result.js';
import { groupInOrder } from '../harness/report/group.js';
import { DEFAULTS, runConformance, selectConformanceChecks, type ConformanceOptions } from './conformance.js';

export type { ConformanceOptions, ConformanceTarget, StartedTarget } from './conformance.js';

/**
 * `smtpspec/vitest`: smtpspec inside a server's own vitest run. Each selected check becomes a
 * vitest test, grouped by RFC:
 *
 * - PASS, NON-STRICT, INFO → pass (with `strict: true` NON-STRICT is graded FAIL);
 * - FAIL, ERROR → fail, the message holding the requirement, expected, actual and the transcript;
 * - UNIMPLEMENTED, SKIPPED → skipped, with the reason.
 *
 * The checks run once, concurrently, in a `beforeAll` of the suite; the tests report their results.
 *
 * ```ts
 * import { conformanceSuite } from 'smtpspec/vitest';
 * conformanceSuite({ target: async () => { const s = await startMyServer(); return { url: s.url, close: () => s.stop() }; } });
 * ```
 */

export interface ConformanceSuiteOptions extends ConformanceOptions {
  /** The describe() title; default `smtpspec: <target>`. */
  readonly name?: string;
  /** Timeout of the beforeAll that starts the target and runs every check (default: enough for every check to time out). */
  readonly runTimeoutMs?: number;
}

/** The error a FAIL or ERROR check throws; `result` is the check's full result. */
export class ConformanceFailure extends Error {
  override readonly name = 'ConformanceFailure';
  constructor(readonly result: CheckResult) {
    super(describeFailure(result));
    // The adapter's own stack frames say nothing about the server; the transcript does.
    this.stack = `${this.name}: ${this.message}`;
  }
}

export function describeFailure(r: CheckResult): string {
  const indent = (s: string, pad: string) => s.replace(/\n$/, '').split('\n').map((l) => `${pad}${l}`).join('\n');
  const lines = [`${r.grade} ${r.id}: ${r.title}`, `  Requirement (${r.level}): ${r.requirement}`];
  for (const e of r.expected.length > 0 ? r.expected : ['(not recorded)']) lines.push(`  Expected: ${e}`);
  lines.push(`  Actual:   ${r.actual || '(nothing)'}`);
  if (r.reason) lines.push(`  Reason:   ${r.reason}`);
  lines.push(r.transcript ? `  Transcript:\n${indent(r.transcript, '    ')}` : '  Transcript: (none recorded)');
  return lines.join('\n');
}

function targetLabel(opts: ConformanceOptions): string {
  if (typeof opts.target === 'function') return opts.target.name ? `${opts.target.name}()` : 'the started server';
  return opts.target === 'reference' && opts.mutant ? `reference (mutant ${opts.mutant})` : opts.target;
}

/** Registers one vitest test per selected check; call it at the top level of a test file or in a describe(). */
export function conformanceSuite(opts: ConformanceSuiteOptions): void {
  const checks: Check[] = selectConformanceChecks(opts);
  if (checks.length === 0) throw new Error('smtpspec: no check matches the given include/exclude/level/profiles');
  const concurrency = opts.concurrency ?? DEFAULTS.concurrency;
  const runTimeoutMs = opts.runTimeoutMs ?? (opts.checkTimeoutMs ?? DEFAULTS.checkTimeoutMs) * Math.ceil(checks.length / concurrency) + 30_000;

  describe(opts.name ?? `smtpspec: ${targetLabel(opts)}`, () => {
    const results = new Map<string, CheckResult>();
    beforeAll(async () => {
      const report = await runConformance(opts, checks);
      for (const r of report.results) results.set(r.id, r);
    }, runTimeoutMs);

    for (const [rfc, ofRfc] of groupInOrder(checks, (c) => c.id.split('/')[0] ?? c.id)) {
      describe(rfc, () => {
        for (const check of ofRfc) {
          test(check.id, (ctx) => {
            const r = results.get(check.id);
            if (r === undefined) throw new Error(`smtpspec: no result for ${check.id} (the run did not finish)`);
            switch (r.grade) {
              case 'PASS':
              case 'NON-STRICT':
              case 'INFO':
                return;
              case 'UNIMPLEMENTED':
              case 'SKIPPED':
                ctx.skip(`${r.grade}: ${r.reason || 'no reason given'}`);
                return;
              case 'FAIL':
              case 'ERROR':
                throw new ConformanceFailure(r);
            }
          });
        }
      });
    }
  });
}
