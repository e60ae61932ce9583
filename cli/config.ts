import { existsSync } from 'node:fs';
import path from 'node:path';
import { validateConfig, type SmtpspecConfig } from './config-schema.js';
import { FileError, parseJsonFile, readUserFile } from './validate.js';
import { UsageError } from './usage.js';

/**
 * `smtpspec.config.json` (in the working directory, or `--config FILE`): named targets, the
 * credentials for them by environment-variable NAME, filters and run settings. Every key but
 * `targets`, `target` and `sink` is the camelCase name of a `run` flag, and the command line
 * overrides the file. Relative paths in the file are relative to the file's directory.
 *
 * The file is applied by turning it into `run` arguments placed before the user's own, so that
 * one parser (options.ts) gives both the same meaning and the same defaults.
 */

const CONFIG_FILE_NAME = 'smtpspec.config.json';

export interface ResolvedRun {
  /** The `run` arguments with the file's settings placed before the user's own. */
  readonly args: string[];
  readonly env: NodeJS.ProcessEnv;
  /** The config's name for the target (`postfix`), shown in reports instead of host:port. */
  readonly targetName: string | undefined;
  /** The config file used, if any. */
  readonly configFile: string | undefined;
}

/** `--config FILE` / `--config=FILE` taken out of the arguments. */
function takeConfigFlag(args: readonly string[]): { file: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      rest.push(...args.slice(i));
      break;
    }
    if (a === '--config') {
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError("Option '--config <value>' argument missing");
      file = next;
      i++;
    } else if (a.startsWith('--config=')) {
      file = a.slice('--config='.length);
    } else {
      rest.push(a);
    }
  }
  return { file, rest };
}

/** The long flags the user gave (`--include`, `--strict` …), to know what the file must not override. */
function givenFlags(args: readonly string[]): Set<string> {
  const given = new Set<string>();
  for (const a of args) {
    if (a === '--') break;
    if (a.startsWith('--')) given.add(a.slice(2).split('=')[0]!);
  }
  return given;
}

function flagValue(args: string[], flag: string): { index: number; value: string | undefined } | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === `--${flag}`) return { index: i, value: args[i + 1] };
    if (a.startsWith(`--${flag}=`)) return { index: i, value: a.slice(flag.length + 3) };
  }
  return undefined;
}

function loadConfigFile(file: string, shown: string): SmtpspecConfig {
  return validateConfig(shown, parseJsonFile(shown, readUserFile(file, shown, 'config file')));
}

/**
 * Applies the config file (if any) to `run` arguments. Precedence: command line, then the config
 * file, then smtpspec's defaults. Lists (`--include` …) given on the command line replace the
 * file's; a boolean the file sets to true cannot be switched off from the command line.
 */
export function resolveRunArgs(args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): ResolvedRun {
  const { file: flagFile, rest } = takeConfigFlag(args);
  const file = flagFile ?? (existsSync(path.join(cwd, CONFIG_FILE_NAME)) ? CONFIG_FILE_NAME : undefined);
  if (file === undefined) return { args: rest, env, targetName: undefined, configFile: undefined };
  const absolute = path.resolve(cwd, file);
  const config = loadConfigFile(absolute, file);
  const base = path.dirname(absolute);
  const given = givenFlags(rest);
  const pre: string[] = [];
  const add = (flag: string, value: string | number | boolean | readonly string[] | undefined) => {
    if (value === undefined || value === false || given.has(flag)) return;
    if (value === true) pre.push(`--${flag}`);
    else if (Array.isArray(value)) for (const x of value) pre.push(`--${flag}=${x}`);
    else pre.push(`--${flag}=${value}`);
  };
  const fromHere = (p: string | undefined) => (p === undefined ? undefined : path.resolve(base, p));

  // The target: --target NAME|URL on the command line, else the file's "target", else its only target.
  const named = config.targets ?? {};
  const names = Object.keys(named);
  const onCommandLine = flagValue(rest, 'target');
  let targetName: string | undefined;
  let targetValue = onCommandLine?.value ?? config.target;
  if (targetValue === undefined && names.length === 1) targetValue = names[0];
  if (targetValue === undefined && names.length > 1) throw new UsageError(`${file} defines the targets ${names.join(', ')}: choose one with --target NAME (or set "target")`);
  const entry = targetValue !== undefined && Object.hasOwn(named, targetValue) ? named[targetValue] : undefined;
  const out = [...rest];
  if (entry !== undefined) {
    targetName = targetValue;
    if (onCommandLine) out.splice(onCommandLine.index, out[onCommandLine.index]!.includes('=') ? 1 : 2, `--target=${entry.url}`);
    else pre.push(`--target=${entry.url}`);
    add('mutant', entry.mutant);
    add('starttls', entry.starttls);
    add('verify-certificates', entry.verifyCertificates);
    add('helo-name', entry.heloName);
    add('sender', entry.sender);
    add('rcpt', entry.rcpt);
  } else if (!onCommandLine && targetValue !== undefined) {
    pre.push(`--target=${targetValue}`);
  }

  add('include', config.include);
  add('exclude', config.exclude);
  add('level', config.level);
  add('profile', config.profiles);
  add('strict', config.strict);
  add('concurrency', config.concurrency);
  add('timeout', config.timeout);
  add('check-timeout', config.checkTimeout);
  add('seed', config.seed);
  add('report-dir', fromHere(config.reportDir));
  add('baseline', fromHere(config.baseline));
  add('summary-md', fromHere(config.summaryMd));
  add('verbose', config.verbose);

  // Credentials: read from the variables the file names, handed on as SMTPSPEC_AUTH_* (never argv).
  let runEnv = env;
  if (entry?.auth !== undefined && !given.has('auth-user') && !given.has('auth-pass')) {
    const at = `targets.${targetValue}.auth`;
    const read = (name: string, key: string): string => {
      const value = env[name];
      if (value === undefined || value === '') throw new FileError(file, `${at}.${key}`, `the environment variable ${name} is not set`);
      return value;
    };
    const user = entry.auth.user ?? read(entry.auth.userEnv!, 'userEnv');
    runEnv = { ...env, SMTPSPEC_AUTH_USER: user, SMTPSPEC_AUTH_PASS: read(entry.auth.passwordEnv, 'passwordEnv') };
  }
  return { args: [...pre, ...out], env: runEnv, targetName, configFile: file };
}
