#!/usr/bin/env node
import { allChecks } from '../suites/index.js';
import { notAutomated } from '../suites/not-automated.js';
import { VERSION } from '../harness/version.js';
import { baselineCommand } from './baseline-command.js';
import { resolveRunArgs } from './config.js';
import { renderCheckList } from './list.js';
import { renderMutants } from './mutants.js';
import { sinkCommand } from './sink-command.js';
import { parseFormat, parseFormatAndAll, parseRunOptions } from './options.js';
import { EXIT_USAGE, runCommand } from './run.js';
import { targetsCommand } from './targets-command.js';
import { USAGE, UsageError } from './usage.js';

/** The composition root: wires harness, suites and fixtures; every error becomes an exit code. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, ...rest] = argv;
  const color = process.stdout.isTTY === true && env.NO_COLOR === undefined;
  try {
    switch (command) {
      case 'run': {
        // smtpspec.config.json (or --config FILE) becomes arguments before the user's own.
        const resolved = resolveRunArgs(rest, env, process.cwd());
        const opts = { ...parseRunOptions(resolved.args, resolved.env), targetName: resolved.targetName };
        return await runCommand(opts, { out: process.stdout, err: process.stderr, color });
      }
      case 'targets':
        return await targetsCommand(rest, { out: process.stdout, err: process.stderr });
      case 'baseline':
        return await baselineCommand(rest, { out: process.stdout, err: process.stderr });
      case 'compare':
        return await (await import('./compare.js')).compareMain(rest, { out: process.stdout, err: process.stderr, color });
      case 'list': {
        const { format, all } = parseFormatAndAll(rest, ['text', 'json', 'markdown'] as const);
        process.stdout.write(renderCheckList(allChecks, format, all || format === 'markdown' ? notAutomated : undefined));
        return 0;
      }
      case 'sink':
        return await sinkCommand(rest, process.stdout);
      case 'doctor':
        return await (await import('./doctor.js')).doctorCommand(rest, { out: process.stdout, err: process.stderr });
      case 'mutants':
        process.stdout.write(renderMutants(parseFormat(rest, ['text', 'json', 'markdown'] as const)));
        return 0;
      case '--version':
      case 'version':
        process.stdout.write(`smtpspec ${VERSION}\n`);
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(USAGE + '\n');
        return command === undefined ? EXIT_USAGE : 0;
      default:
        throw new UsageError(`unknown command "${command}"; try "smtpspec --help"`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`smtpspec: ${err.message}\n`);
      return EXIT_USAGE;
    }
    // Not a usage error: still one readable line, no stack trace (set SMTPSPEC_DEBUG=1 for it).
    process.stderr.write(`smtpspec: ${(err as Error)?.message ?? String(err)}\n`);
    if (env.SMTPSPEC_DEBUG) process.stderr.write(`${(err as Error)?.stack ?? ''}\n`);
    return 1;
  }
}

// exitCode (not exit()) lets stdout drain so that piped output is never cut short; the unref'd
// timer ends the process anyway should a stray handle keep it alive: smtpspec never hangs.
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  setTimeout(() => process.exit(code), 2_000).unref();
});
