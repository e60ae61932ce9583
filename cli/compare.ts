import { setMaxListeners } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Check } from '../harness/check.js';
import { selectChecks } from '../harness/filter.js';
import { summarize, type RunReport } from '../harness/result.js';
import { runChecks } from '../harness/runner.js';
import { buildComparison, type CompareRun } from '../harness/report/compare-model.js';
import { renderCompareJson } from '../harness/report/compare-json.js';
import { renderCompareMarkdown } from '../harness/report/compare-markdown.js';
import { renderCompareTerminal } from '../harness/report/compare-terminal.js';
import { renderHtml } from '../harness/report/html.js';
import { tallyLine } from '../harness/report/terminal.js';
import { writeReports } from '../harness/report/write.js';
import { VERSION } from '../harness/version.js';
import { allChecks } from '../suites/index.js';
import { providersFor, reportFolderNames, targetProviders, unreachableResults, type ResolvedTarget, type TargetProvider } from './compare-targets.js';
import { parseRunOptions, type RunCommandOptions } from './options.js';
import { EXIT_INTERRUPTED, EXIT_OK, EXIT_UNREACHABLE, type Output } from './run.js';
import { UsageError } from './usage.js';

/**
 * `smtpspec compare <target...>`: the suite on each target (a few at once), each target's reports
 * in a folder of its own, then the comparison: the terminal table, compare.md, compare.json and
 * an index.html of all the targets with the extension support table.
 *
 * Exit codes: a compare is for looking, so FAIL and ERROR grades do not fail it: 0 when every
 * target ran, 3 when one was unreachable (its column is ERROR; the others still ran), 2 usage,
 * 130 interrupted.
 */

export interface CompareOptions {
  readonly targets: readonly string[];
  /** The filters and timing of `run`, shared by every target (its target fields are unused). */
  readonly run: RunCommandOptions;
}

/** Targets run at once: each run is mostly waiting on sockets, but real servers need the CPU too. */
const TARGETS_AT_ONCE = Math.max(1, Math.min(availableParallelism(), 4));

/** The `run` flags that mean the same for every target; per-target settings (rcpt, auth, TLS) come from the target. */
const SHARED_FLAGS = {
  'helo-name': { type: 'string' },
  sender: { type: 'string' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  level: { type: 'string' },
  profile: { type: 'string', multiple: true },
  strict: { type: 'boolean' },
  concurrency: { type: 'string' },
  timeout: { type: 'string' },
  'check-timeout': { type: 'string' },
  seed: { type: 'string' },
  runs: { type: 'string' },
  'report-dir': { type: 'string' },
  'sink-wait': { type: 'string' },
  docker: { type: 'boolean' },
} as const;

/** Targets are the positional arguments; the flags are parsed by run's parser, for the same meaning and defaults. */
export function parseCompareOptions(args: readonly string[]): CompareOptions {
  const parsed = (() => {
    try {
      return parseArgs({ args: [...args], options: SHARED_FLAGS, allowPositionals: true, strict: true, tokens: true });
    } catch (err) {
      throw new UsageError(`compare: ${(err as Error).message.split('\n')[0] ?? 'bad arguments'}`);
    }
  })();
  const positional = new Set(parsed.tokens.filter((t) => t.kind === 'positional' || t.kind === 'option-terminator').map((t) => t.index));
  const targets = parsed.positionals;
  if (targets.length === 0) throw new UsageError('compare needs at least one target: smtpspec compare reference reference:<mutant> smtp://host:port');
  const duplicate = targets.find((t, i) => targets.indexOf(t) !== i);
  if (duplicate !== undefined) throw new UsageError(`target "${duplicate}" is given twice`);
  // An empty environment: SMTPSPEC_AUTH_* belong to one server, and compare never sends them to all.
  const run = parseRunOptions(['--target', 'reference', ...args.filter((_, i) => !positional.has(i))], {});
  return { targets, run };
}

interface TargetRun extends CompareRun {
  readonly name: string;
}

/** `smtpspec compare …` from main.ts. */
export function compareMain(args: readonly string[], io: Output): Promise<number> {
  return compareCommand(parseCompareOptions(args), io);
}

export async function compareCommand(opts: CompareOptions, io: Output, providers?: readonly TargetProvider[]): Promise<number> {
  const o = opts.run;
  const checks = selectChecks(allChecks, { include: o.include, exclude: o.exclude, level: o.level, profiles: o.profiles });
  if (checks.length === 0) throw new UsageError('no check matches the given --include/--exclude/--level/--profile');
  // Every name is checked before anything starts: a typo in the last target is exit 2, not a wasted run.
  const owners = providersFor(opts.targets, providers ?? targetProviders({ sinkWaitMs: o.sinkWaitMs, docker: o.docker === true }));
  const folders = reportFolderNames(opts.targets);

  const interrupt = new AbortController();
  // Every running check of every target listens to it: more than the default 10 is expected.
  setMaxListeners(0, interrupt.signal);
  const onSigint = () => {
    if (interrupt.signal.aborted) process.exit(EXIT_INTERRUPTED);
    io.err.write('\nsmtpspec: interrupted; writing the reports of the checks that finished (Ctrl-C again to quit at once)\n');
    interrupt.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    const startedAt = new Date();
    io.out.write(`smtpspec ${VERSION} compare: ${checks.length} checks on ${opts.targets.length} targets, ${Math.min(TARGETS_AT_ONCE, opts.targets.length)} at a time\n`);
    const runs: TargetRun[] = new Array(opts.targets.length);
    let next = 0;
    const worker = async () => {
      while (next < opts.targets.length) {
        const i = next++;
        const name = opts.targets[i]!;
        const dir = join(o.reportDir, folders[i]!);
        const run = await runTarget(name, owners[i]!, checks, o, dir, interrupt.signal);
        // compare.json names the folder relative to itself, so the report folder can be moved whole.
        runs[i] = { ...run, reportDir: folders[i]! };
        const s = run.report.summary;
        io.out.write(`  ${name}: ${run.unreachable ? `unreachable (${run.unreachable}); ` : ''}${tallyLine(s)} in ${(run.report.durationMs / 1000).toFixed(1)} s → ${dir}\n`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(TARGETS_AT_ONCE, opts.targets.length) }, worker));

    const comparison = buildComparison(runs, { startedAt: startedAt.toISOString(), durationMs: Date.now() - startedAt.getTime() });
    await mkdir(o.reportDir, { recursive: true });
    const files = { json: join(o.reportDir, 'compare.json'), md: join(o.reportDir, 'compare.md'), html: join(o.reportDir, 'index.html') };
    const reports = runs.map((r) => r.report);
    await Promise.all([
      writeFile(files.json, renderCompareJson(comparison), 'utf8'),
      writeFile(files.md, renderCompareMarkdown(comparison), 'utf8'),
      writeFile(files.html, renderHtml(reports, { extensions: { rows: comparison.extensions } }), 'utf8'),
    ]);
    io.out.write(`\n${renderCompareTerminal(comparison)}\nReports: ${files.json}, ${files.md}, ${files.html}, and one folder per target\n`);
    const unreachable = runs.filter((r) => r.unreachable);
    for (const r of unreachable) io.err.write(`smtpspec: target ${r.name} unreachable: ${r.unreachable}\n`);
    if (interrupt.signal.aborted) return EXIT_INTERRUPTED;
    return unreachable.length > 0 ? EXIT_UNREACHABLE : EXIT_OK;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** One target: start it, run the suite, write its reports, stop it (whatever happened). */
async function runTarget(name: string, provider: TargetProvider, checks: readonly Check[], o: RunCommandOptions, dir: string, signal: AbortSignal): Promise<TargetRun> {
  const startedAt = new Date();
  let stop: (() => Promise<void>) | undefined;
  let report: RunReport;
  let unreachable: string | undefined;
  try {
    let resolved: ResolvedTarget | undefined;
    try {
      resolved = await provider.resolve(name);
      stop = resolved.stop.bind(resolved);
    } catch (err) {
      // A server that would not start is reported like one that does not answer: its column is ERROR.
      unreachable = `could not start: ${(err as Error)?.message ?? String(err)}`;
    }
    const outcome = resolved
      ? await runChecks(checks, {
        endpoint: { ...resolved.endpoint, name },
        starttls: false,
        verifyCertificates: false,
        credentials: resolved.credentials,
        heloName: o.heloName,
        sender: o.sender,
        rcpt: resolved.rcpt,
        concurrency: o.concurrency,
        replyTimeoutMs: o.timeoutMs,
        checkTimeoutMs: o.checkTimeoutMs,
        strict: o.strict,
        seed: o.seed,
        ...(o.runs !== undefined ? { runs: o.runs } : {}),
        ...(resolved.sink ? { sink: resolved.sink } : {}),
        signal,
      })
      : { target: { name, url: '', greeting: unreachable ?? '', ehlo: [] }, results: unreachableResults(checks, unreachable ?? ''), unreachable };
    unreachable = outcome.unreachable;
    report = {
      tool: { name: 'smtpspec', version: VERSION },
      target: outcome.target,
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      // Credentials are never written: only whether they were given.
      options: {
        target: name,
        auth: resolved?.credentials !== undefined,
        heloName: o.heloName,
        sender: o.sender,
        rcpt: resolved?.rcpt ?? null,
        include: o.include,
        exclude: o.exclude,
        level: o.level ?? 'may',
        profiles: o.profiles,
        strict: o.strict,
        concurrency: o.concurrency,
        timeoutMs: o.timeoutMs,
        checkTimeoutMs: o.checkTimeoutMs,
        seed: o.seed,
        runs: o.runs ?? null,
      },
      summary: summarize(outcome.results),
      results: outcome.results,
    };
  } finally {
    await stop?.();
  }
  await writeReports(report, dir);
  return { name, report, reportDir: dir, ...(unreachable ? { unreachable } : {}) };
}
