import { selectChecks } from '../harness/filter.js';
import { summarize, type CheckResult, type RunReport } from '../harness/result.js';
import { runChecks } from '../harness/runner.js';
import { BadTarget, parseTargetUrl, type Endpoint } from '../harness/target.js';
import { renderProgress, renderTerminal } from '../harness/report/terminal.js';
import { writeReports } from '../harness/report/write.js';
import { VERSION } from '../harness/version.js';
import type { ReferenceServer } from '../fixtures/reference/server.js';
import { allChecks } from '../suites/index.js';
import type { RunCommandOptions } from './options.js';
import { startReferenceTarget } from './reference-target.js';
import { UsageError } from './usage.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_UNREACHABLE = 3;

export interface Output {
  readonly out: NodeJS.WritableStream & { isTTY?: boolean };
  readonly err: NodeJS.WritableStream;
  readonly color: boolean;
}

/** `smtpspec run`: select checks, start the target if it is embedded, run, report, exit code. */
export async function runCommand(opts: RunCommandOptions, io: Output): Promise<number> {
  const checks = selectChecks(allChecks, { include: opts.include, exclude: opts.exclude, level: opts.level, profiles: opts.profiles });
  if (checks.length === 0) throw new UsageError('no check matches the given --include/--exclude/--level/--profile');

  let reference: ReferenceServer | undefined;
  const stopReference = () => void reference?.close();
  process.once('SIGINT', stopReference);
  try {
    let endpoint: Endpoint;
    let rcpt = opts.rcpt;
    let credentials = opts.authUser !== undefined && opts.authPass !== undefined ? { user: opts.authUser, pass: opts.authPass } : undefined;
    if (opts.target === 'reference') {
      reference = await startReferenceTarget(opts.mutant);
      const name = opts.mutant ? `reference (mutant ${opts.mutant})` : 'reference';
      endpoint = { name, url: `smtp://${reference.host}:${reference.port}`, host: reference.host, port: reference.port, implicitTls: false };
      rcpt ??= reference.mailbox;
      credentials ??= reference.auth;
    } else {
      try {
        endpoint = parseTargetUrl(opts.target);
      } catch (err) {
        if (err instanceof BadTarget) throw new UsageError(err.message);
        throw err;
      }
    }

    const startedAt = new Date();
    const progress = io.out.isTTY === true;
    const outcome = await runChecks(checks, {
      endpoint,
      starttls: opts.starttls,
      verifyCertificates: opts.verifyCertificates,
      credentials,
      heloName: opts.heloName,
      sender: opts.sender,
      rcpt,
      concurrency: opts.concurrency,
      replyTimeoutMs: opts.timeoutMs,
      checkTimeoutMs: opts.checkTimeoutMs,
      strict: opts.strict,
      seed: opts.seed,
      ...(progress ? { onResult: (r: CheckResult, done: number, total: number) => io.out.write(`\r\x1b[2K${renderProgress(done, total, r)}`) } : {}),
    });
    if (progress) io.out.write('\r\x1b[2K');

    const report: RunReport = {
      tool: { name: 'smtpspec', version: VERSION },
      target: outcome.target,
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      // Credentials are never written: only whether they were given.
      options: {
        target: opts.target,
        mutant: opts.mutant ?? null,
        starttls: opts.starttls,
        verifyCertificates: opts.verifyCertificates,
        auth: credentials !== undefined,
        heloName: opts.heloName,
        sender: opts.sender,
        rcpt: rcpt ?? null,
        include: opts.include,
        exclude: opts.exclude,
        level: opts.level ?? 'may',
        profiles: opts.profiles,
        strict: opts.strict,
        concurrency: opts.concurrency,
        timeoutMs: opts.timeoutMs,
        checkTimeoutMs: opts.checkTimeoutMs,
        seed: opts.seed,
      },
      summary: summarize(outcome.results),
      results: outcome.results,
    };
    const paths = await writeReports(report, opts.reportDir);
    io.out.write(renderTerminal(report, { color: io.color, verbose: opts.verbose }));
    io.out.write(`\nReports: ${paths.json}, ${paths.junit}, ${paths.tap}\n`);
    if (outcome.unreachable) {
      io.err.write(`smtpspec: target unreachable: ${outcome.unreachable}\n`);
      return EXIT_UNREACHABLE;
    }
    return report.summary.fail + report.summary.error > 0 ? EXIT_FAILED : EXIT_OK;
  } finally {
    process.off('SIGINT', stopReference);
    await reference?.close();
  }
}
