import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FileError, describeFound, isObject, keyPath, parseJsonFile } from './validate.js';
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

export const CONFIG_FILE_NAME = 'smtpspec.config.json';

export interface TargetAuthConfig {
  /** The user name itself (not a secret), or */
  readonly user?: string;
  /** the name of the environment variable holding it. */
  readonly userEnv?: string;
  /** The name of the environment variable holding the password; the password itself never. */
  readonly passwordEnv: string;
}

export interface TargetConfig {
  /** `smtp://host:port`, `smtps://host:port` or `reference`. */
  readonly url: string;
  readonly mutant?: string;
  readonly starttls?: boolean;
  readonly verifyCertificates?: boolean;
  readonly heloName?: string;
  readonly sender?: string;
  readonly rcpt?: string;
  readonly auth?: TargetAuthConfig;
}

export interface SmtpspecConfig {
  /** The default target: a name from `targets`, a URL or `reference`. */
  readonly target?: string;
  readonly targets?: Readonly<Record<string, TargetConfig>>;
  /** Reserved for the relay sink (a later release): accepted and checked to be an object, not used yet. */
  readonly sink?: Readonly<Record<string, unknown>>;
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
  readonly level?: 'must' | 'should' | 'may';
  readonly profiles?: readonly ('default' | 'slow')[];
  readonly strict?: boolean;
  readonly concurrency?: number;
  readonly timeout?: number;
  readonly checkTimeout?: number;
  readonly seed?: number;
  readonly reportDir?: string;
  readonly baseline?: string;
  readonly summaryMd?: string;
  readonly verbose?: boolean;
}

// --- validation -------------------------------------------------------------------------------

type Checker = (v: unknown, at: string) => unknown;

class Validator {
  constructor(readonly file: string) {}

  fail(at: string, expected: string, found: unknown): never {
    throw new FileError(this.file, at, `expected ${expected}, got ${describeFound(found)}`);
  }

  string: Checker = (v, at) => (typeof v === 'string' && v !== '' ? v : this.fail(at, 'a non-empty string', v));
  boolean: Checker = (v, at) => (typeof v === 'boolean' ? v : this.fail(at, 'true or false', v));
  int = (min: number, max: number, unit = ''): Checker => (v, at) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : this.fail(at, `a whole number${unit} from ${min} to ${max}`, v);
  oneOf = (values: readonly string[]): Checker => (v, at) =>
    typeof v === 'string' && values.includes(v) ? v : this.fail(at, values.map((x) => `"${x}"`).join(', ').replace(/, ([^,]*)$/, ' or $1'), v);
  list = (item: Checker): Checker => (v, at) => (Array.isArray(v) ? v.map((x, i) => item(x, keyPath(at, i))) : this.fail(at, 'an array', v));
  mailbox: Checker = (v, at) => (typeof v === 'string' && /^[^\s<>]+@[^\s<>@]+$/.test(v) ? v : this.fail(at, 'a mailbox like user@example.test', v));
  envName: Checker = (v, at) => {
    if (typeof v === 'string' && /^[A-Z_][A-Z0-9_]*$/.test(v)) return v;
    // Not echoed when it is a string: someone who put the password here must not see it in a CI log.
    if (typeof v === 'string') throw new FileError(this.file, at, 'expected the NAME of an environment variable (upper-case letters, digits and _), got a string that is not one');
    return this.fail(at, 'the name of an environment variable', v);
  };
  url: Checker = (v, at) => {
    if (v === 'reference') return v;
    if (typeof v !== 'string' || !/^smtps?:\/\/[^/?#]+\/?$/i.test(v)) return this.fail(at, 'smtp:// or smtps:// URL (or "reference")', v);
    let parsed: URL;
    try {
      parsed = new URL(v);
    } catch {
      return this.fail(at, 'smtp:// or smtps:// URL (or "reference")', v);
    }
    if (parsed.password !== '') throw new FileError(this.file, at, 'a password in the URL is not allowed in a config file; use "auth": {"user": …, "passwordEnv": "VARIABLE"}');
    if (parsed.username !== '') throw new FileError(this.file, at, 'expected a URL without user info; give the user in "auth"');
    return v;
  };

  object(v: unknown, at: string, shape: Readonly<Record<string, Checker>>, what: string): Record<string, unknown> {
    if (!isObject(v)) return this.fail(at, what, v);
    const out: Record<string, unknown> = {};
    for (const [k, value] of Object.entries(v)) {
      const check = shape[k];
      const here = keyPath(at, k);
      if (check === undefined) {
        const known = Object.keys(shape).filter((x) => x !== '$schema');
        throw new FileError(this.file, here, `unknown key (expected one of ${known.join(', ')})`);
      }
      out[k] = check(value, here);
    }
    return out;
  }
}

/** Keys that would hold a secret: refused wherever they appear, with what to write instead. */
const SECRET_KEY = /^(pass|passwd|password|authpass|auth-pass|secret|token|apikey|api-key)$/i;

function refuseLiteralSecrets(file: string, v: unknown, at: string): void {
  if (Array.isArray(v)) v.forEach((x, i) => refuseLiteralSecrets(file, x, keyPath(at, i)));
  if (!isObject(v)) return;
  for (const [k, value] of Object.entries(v)) {
    const here = keyPath(at, k);
    if (SECRET_KEY.test(k)) {
      throw new FileError(file, here, 'a literal password is not allowed in a config file (it would end up in version control and CI logs); name an environment variable instead, e.g. "passwordEnv": "SMTP_PASSWORD"');
    }
    refuseLiteralSecrets(file, value, here);
  }
}

export function validateConfig(file: string, doc: unknown): SmtpspecConfig {
  refuseLiteralSecrets(file, doc, '');
  const v = new Validator(file);
  const auth: Checker = (x, at) => {
    const a = v.object(x, at, { user: v.string, userEnv: v.envName, passwordEnv: v.envName }, '{"user" or "userEnv", "passwordEnv"}');
    if (a.passwordEnv === undefined) v.fail(keyPath(at, 'passwordEnv'), 'the name of the environment variable that holds the password', undefined);
    if ((a.user === undefined) === (a.userEnv === undefined)) throw new FileError(file, at, 'expected exactly one of "user" and "userEnv"');
    return a;
  };
  const target: Checker = (x, at) => {
    const t = v.object(x, at, {
      url: v.url, mutant: v.string, starttls: v.boolean, verifyCertificates: v.boolean, heloName: v.string, sender: v.mailbox, rcpt: v.mailbox, auth,
    }, 'a target object like {"url": "smtp://127.0.0.1:2525"}');
    if (t.url === undefined) v.fail(keyPath(at, 'url'), 'smtp:// or smtps:// URL (or "reference")', undefined);
    if (t.mutant !== undefined && t.url !== 'reference') throw new FileError(file, keyPath(at, 'mutant'), 'a mutant needs "url": "reference"');
    return t;
  };
  const targets: Checker = (x, at) => {
    if (!isObject(x)) return v.fail(at, 'an object of named targets', x);
    const out: Record<string, unknown> = {};
    for (const [name, t] of Object.entries(x)) {
      if (!/^[A-Za-z0-9][\w.-]*$/.test(name)) throw new FileError(file, keyPath(at, name), 'expected a target name of letters, digits, ".", "_" and "-"');
      out[name] = target(t, keyPath(at, name));
    }
    return out;
  };
  const sink: Checker = (x, at) => {
    if (!isObject(x)) return v.fail(at, 'an object (the relay sink settings)', x);
    if (x.url !== undefined) v.url(x.url, keyPath(at, 'url'));
    return x;
  };
  const config = v.object(doc, '', {
    $schema: v.string,
    target: v.string,
    targets,
    sink,
    include: v.list(v.string),
    exclude: v.list(v.string),
    level: v.oneOf(['must', 'should', 'may']),
    profiles: v.list(v.oneOf(['default', 'slow'])),
    strict: v.boolean,
    concurrency: v.int(1, 256),
    timeout: v.int(1, 3_600_000, ' of milliseconds'),
    checkTimeout: v.int(1, 86_400_000, ' of milliseconds'),
    seed: v.int(0, 2 ** 32 - 1),
    reportDir: v.string,
    baseline: v.string,
    summaryMd: v.string,
    verbose: v.boolean,
  }, 'a JSON object') as SmtpspecConfig;
  const named = config.targets ?? {};
  if (config.target !== undefined && !Object.hasOwn(named, config.target)) {
    try {
      v.url(config.target, 'target');
    } catch {
      const names = Object.keys(named);
      v.fail('target', names.length ? `one of the targets (${names.join(', ')}), a URL or "reference"` : 'smtp:// or smtps:// URL (or "reference")', config.target);
    }
  }
  return config;
}

// --- locating and applying ----------------------------------------------------------------------

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

export function loadConfigFile(file: string, shown: string): SmtpspecConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`${shown}: cannot read the config file${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`);
  }
  return validateConfig(shown, parseJsonFile(shown, text));
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
