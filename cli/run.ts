import { selectChecks } from '../harness/filter.js';
import { summarize, type CheckResult, type RunReport } from '../harness/result.js';
import { runChecks } from '../harness/runner.js';
import { plainEndpoint, type Endpoint } from '../harness/target.js';
import { renderProgress, renderTerminal } from '../harness/report/terminal.js';
import { writeReports } from '../harness/report/write.js';
import { VERSION } from '../harness/version.js';
import type { ReferenceServer } from '../fixtures/reference/server.js';
import { allChecks } from '../suites/index.js';
import type { RunCommandOptions } from './options.js';
import { startReferenceTarget } from './reference-target.js';
import { sinkPorts } from './sink-command.js';
import { describeRouting } from '../harness/sink/routing.js';
import { startSink, type Sink } from '../harness/sink/sink.js';
import { baselineExitCode, compareWithBaseline, readBaseline, renderBaselineTerminal } from './baseline.js';
import { writeSummaryMarkdown } from './summary-md.js';
import { parseTargetArg, UsageError } from './usage.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_UNREACHABLE = 3;
/** The shell's convention for a process ended by SIGINT. */
export const EXIT_INTERRUPTED = 130;

export interface Output {
  readonly out: NodeJS.WritableStream & { isTTY?: boolean };
  readonly err: NodeJS.WritableStream;
  readonly color: boolean;
}

/** `smtpspec run`: select checks, start the target if it is embedded, run, report, exit code. */
export async function runCommand(opts: RunCommandOptions, io: Output): Promise<number> {
  const checks = selectChecks(allChecks, { include: opts.include, exclude: opts.exclude, level: opts.level, profiles: opts.profiles });
  if (checks.length === 0) throw new UsageError('no check matches the given --include/--exclude/--level/--profile');
  // Read before the run: a bad baseline is a usage error (exit 2), not something to learn at the end.
  const baseline = opts.baseline === undefined ? undefined : await readBaseline(opts.baseline);

  let reference: ReferenceServer | undefined;
  let sink: Sink | undefined;
  let local: { stop(): Promise<void> } | undefined;
  // Ctrl-C: stop the checks, still write the report of what finished; a second Ctrl-C quits at once.
  const interrupt = new AbortController();
  const onSigint = () => {
    if (interrupt.signal.aborted) process.exit(EXIT_INTERRUPTED);
    io.err.write('\nsmtpspec: interrupted; writing the report of the checks that finished (Ctrl-C again to quit at once)\n');
    interrupt.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    let endpoint: Endpoint;
    let rcpt = opts.rcpt;
    let credentials = opts.authUser !== undefined && opts.authPass !== undefined ? { user: opts.authUser, pass: opts.authPass } : undefined;
    // The reference relays to the sink by itself; another target must be routed to it (printed).
    if (opts.target === 'reference' || opts.sink) sink = await startSink({ waitMs: opts.sinkWaitMs, ports: sinkPorts(opts.sinkPortBase) });
    const { isLocalTargetName, startLocalTargetByName } = await import('./local-target.js');
    const { isDockerTargetName, startDockerTargetForRun } = await import('./docker-target.js');
    if (opts.docker === true && !isLocalTargetName(opts.target) && !isDockerTargetName(opts.target)) throw new UsageError(`--docker needs a real server's name (postfix, exim …), not "${opts.target}"`);
    if (opts.docker === true && isLocalTargetName(opts.target)) opts = { ...opts, target: `docker:${opts.target}` };
    if (isLocalTargetName(opts.target) || isDockerTargetName(opts.target)) {
      // postfix, exim …: an installed Debian server, started on a free 127.0.0.1 port, relaying the sink's domains to it;
      // docker:postfix …: the same fixture in a container (a container that does not come up is exit 3).
      const routes = sink ? { relayRoutes: sink.routes } : {};
      const started = isDockerTargetName(opts.target) ? await startDockerTargetForRun(opts.target, routes, io.err) : await startLocalTargetByName(opts.target, routes);
      if (typeof started === 'string') {
        io.err.write(`smtpspec: ${started}\n`);
        return EXIT_UNREACHABLE;
      }
      local = started;
      endpoint = { ...started.endpoint, name: opts.targetName ?? started.endpoint.name };
      rcpt ??= started.rcpt;
      credentials ??= started.credentials;
    } else if (opts.target === 'reference') {
      reference = await startReferenceTarget(opts.mutant, sink?.routes);
      const name = opts.mutant ? `reference (mutant ${opts.mutant})` : 'reference';
      endpoint = plainEndpoint(opts.targetName ?? name, reference);
      rcpt ??= reference.mailbox;
      credentials ??= reference.auth;
    } else {
      endpoint = parseTargetArg(opts.target);
      if (opts.targetName !== undefined) endpoint = { ...endpoint, name: opts.targetName };
      if (sink) io.err.write(describeRouting(sink.host, sink.ports));
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
      ...(opts.runs !== undefined ? { runs: opts.runs } : {}),
      ...(sink ? { sink: sink.access } : {}),
      signal: interrupt.signal,
      ...(progress ? { onResult: (r: CheckResult, done: number, total: number) => io.out.write(`\r\x1b[2K${renderProgress(done, total, r)}`) } : {}),
    });
    if (progress) io.out.write('\r\x1b[2K');

    const comparison = baseline && compareWithBaseline(opts.baseline!, baseline, outcome.results);
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
        runs: opts.runs ?? null,
      },
      summary: summarize(outcome.results),
      results: outcome.results,
      ...(comparison ? { baseline: comparison } : {}),
    };
    const paths = await writeReports(report, opts.reportDir);
    if (opts.summaryMd !== undefined) await writeSummaryMarkdown(opts.summaryMd, report, comparison);
    io.out.write(renderTerminal(report, { color: io.color, verbose: opts.verbose }));
    if (comparison) io.out.write(renderBaselineTerminal(comparison, { color: io.color }));
    io.out.write(`\nReports: ${paths.json}, ${paths.junit}, ${paths.tap}, ${paths.html}${opts.summaryMd !== undefined ? `, ${opts.summaryMd}` : ''}\n`);
    if (outcome.unreachable) {
      io.err.write(`smtpspec: target unreachable: ${outcome.unreachable}\n`);
      return EXIT_UNREACHABLE;
    }
    if (interrupt.signal.aborted) return EXIT_INTERRUPTED;
    if (comparison) return baselineExitCode(comparison);
    return report.summary.fail + report.summary.error > 0 ? EXIT_FAILED : EXIT_OK;
  } finally {
    process.off('SIGINT', onSigint);
    await reference?.close();
    await local?.stop();
    await sink?.close();
  }
}
