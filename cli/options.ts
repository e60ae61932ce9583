import { parseArgs } from 'node:util';
import type { LevelFilter } from '../harness/filter.js';
import { DEFAULT_SINK_WAIT_MS } from '../harness/sink/sink.js';
import { parseSinkPortBase } from './sink-command.js';
import { UsageError } from './usage.js';

export interface RunCommandOptions {
  target: string;
  mutant: string | undefined;
  starttls: boolean;
  verifyCertificates: boolean;
  authUser: string | undefined;
  authPass: string | undefined;
  heloName: string;
  sender: string;
  rcpt: string | undefined;
  include: string[];
  exclude: string[];
  level: LevelFilter | undefined;
  profiles: string[];
  strict: boolean;
  concurrency: number;
  timeoutMs: number;
  checkTimeoutMs: number;
  seed: number;
  /** --runs: runs per property check; undefined: each property's default. */
  runs: number | undefined;
  reportDir: string;
  verbose: boolean;
  /** --baseline FILE: known failures; only new ones make the run fail. */
  baseline: string | undefined;
  /** --summary-md FILE: a Markdown summary for a CI step summary. */
  summaryMd: string | undefined;
  /** --sink: start the embedded relay sink (always on with --target reference). */
  sink: boolean;
  /** --sink-wait: the longest a relay check waits for its message or bounce. */
  sinkWaitMs: number;
  /** --sink-ports BASE: fixed sink ports BASE.. (for a target whose transport map is written once). */
  sinkPortBase: number | undefined;
  /** The config file's name for the target, shown instead of host:port (set by cli/config.ts). */
  targetName?: string | undefined;
  /** --docker: a local target (postfix, exim …) runs in its container, as docker:NAME would. */
  docker?: boolean;
}

/** Parses `run` arguments; every mistake becomes a one-line UsageError. */
export function parseRunOptions(args: readonly string[], env: NodeJS.ProcessEnv): RunCommandOptions {
  const { values, positionals } = parseFlags(args, {
    target: { type: 'string' },
    mutant: { type: 'string' },
    starttls: { type: 'boolean', default: false },
    'verify-certificates': { type: 'boolean', default: false },
    'auth-user': { type: 'string' },
    'auth-pass': { type: 'string' },
    'helo-name': { type: 'string', default: 'client.test' },
    sender: { type: 'string', default: 'sender@client.test' },
    rcpt: { type: 'string' },
    include: { type: 'string', multiple: true, default: [] },
    exclude: { type: 'string', multiple: true, default: [] },
    level: { type: 'string' },
    profile: { type: 'string', multiple: true, default: [] },
    strict: { type: 'boolean', default: false },
    concurrency: { type: 'string', default: '8' },
    timeout: { type: 'string', default: '10000' },
    'check-timeout': { type: 'string', default: '60000' },
    seed: { type: 'string' },
    runs: { type: 'string' },
    'report-dir': { type: 'string', default: 'reports' },
    verbose: { type: 'boolean', default: false },
    baseline: { type: 'string' },
    'summary-md': { type: 'string' },
    sink: { type: 'boolean', default: false },
    'sink-wait': { type: 'string', default: String(DEFAULT_SINK_WAIT_MS) },
    'sink-ports': { type: 'string' },
    docker: { type: 'boolean', default: false },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" (use --include to select checks)`);
  const target = values.target as string | undefined;
  if (!target) throw new UsageError('run needs --target (smtp://host:port, smtps://host:port, reference, or a target named in smtpspec.config.json)');
  if (values.mutant !== undefined && target !== 'reference') throw new UsageError('--mutant works only with --target reference');
  const level = values.level as string | undefined;
  if (level !== undefined && !['must', 'should', 'may'].includes(level)) throw new UsageError(`--level must be must, should or may, not "${level}"`);
  const profiles = (values.profile as string[]).length ? (values.profile as string[]) : ['default'];
  for (const p of profiles) if (p !== 'default' && p !== 'slow') throw new UsageError(`--profile must be default or slow, not "${p}"`);
  const authUser = (values['auth-user'] as string | undefined) ?? env.SMTPSPEC_AUTH_USER;
  const authPass = (values['auth-pass'] as string | undefined) ?? env.SMTPSPEC_AUTH_PASS;
  if ((authUser === undefined) !== (authPass === undefined)) throw new UsageError('give both an AUTH user and a password (--auth-user/--auth-pass or SMTPSPEC_AUTH_USER/SMTPSPEC_AUTH_PASS)');
  const sender = values.sender as string;
  const rcpt = values.rcpt as string | undefined;
  for (const [flag, address] of [['--sender', sender], ['--rcpt', rcpt]] as const) {
    if (address !== undefined && !/^[^\s<>]+@[^\s<>@]+$/.test(address)) throw new UsageError(`${flag} "${address}" is not a mailbox like user@example.test`);
  }
  return {
    target,
    mutant: values.mutant as string | undefined,
    starttls: values.starttls as boolean,
    verifyCertificates: values['verify-certificates'] as boolean,
    authUser,
    authPass,
    heloName: values['helo-name'] as string,
    sender,
    rcpt,
    include: values.include as string[],
    exclude: values.exclude as string[],
    level: level as LevelFilter | undefined,
    profiles,
    strict: values.strict as boolean,
    concurrency: positiveInt('--concurrency', values.concurrency as string, 1, 256),
    timeoutMs: positiveInt('--timeout', values.timeout as string, 1, 3_600_000),
    checkTimeoutMs: positiveInt('--check-timeout', values['check-timeout'] as string, 1, 86_400_000),
    runs: values.runs === undefined ? undefined : positiveInt('--runs', values.runs as string, 1, 1_000_000),
    seed: values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : positiveInt('--seed', values.seed as string, 0, 2 ** 32 - 1),
    reportDir: values['report-dir'] as string,
    verbose: values.verbose as boolean,
    baseline: values.baseline as string | undefined,
    summaryMd: values['summary-md'] as string | undefined,
    sink: values.sink as boolean,
    sinkWaitMs: positiveInt('--sink-wait', values['sink-wait'] as string, 1, 3_600_000),
    sinkPortBase: parseSinkPortBase(values['sink-ports'] as string | undefined),
    docker: values.docker as boolean,
  };
}

export function parseFormat<F extends string>(args: readonly string[], allowed: readonly F[]): F {
  return parseFormatAndAll(args, allowed, false).format;
}

/** `--format F` and, where `allowAll`, the `--all` flag of `smtpspec list`. */
export function parseFormatAndAll<F extends string>(args: readonly string[], allowed: readonly F[], allowAll = true): { format: F; all: boolean } {
  const spec: OptionSpec = { format: { type: 'string', default: allowed[0] } };
  if (allowAll) spec.all = { type: 'boolean', default: false };
  const { values, positionals } = parseFlags(args, spec);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const format = values.format as string;
  if (!(allowed as readonly string[]).includes(format)) throw new UsageError(`--format must be ${allowed.join(', ')}, not "${format}"`);
  return { format: format as F, all: values.all === true };
}

type OptionSpec = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

type ParsedValues = Record<string, string | boolean | string[] | undefined>;

/** node:util's parseArgs (strict, positionals allowed) with its error reduced to a one-line UsageError. */
export function parseFlags(args: readonly string[], options: OptionSpec): { values: ParsedValues; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values: values as ParsedValues, positionals };
  } catch (err) {
    // node:util reports unknown options and missing values with a readable message; keep just that.
    throw new UsageError((err as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}

/** A whole-number flag within [min, max]; anything else is a one-line UsageError. */
export function positiveInt(flag: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} needs a whole number, not "${text}"`);
  const n = Number(text);
  if (n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max}, not ${n}`);
  return n;
}
