import { FileError, describeFound, isObject, keyPath } from './validate.js';

// The shape of `smtpspec.config.json` and its validation: every value is checked, with the key path
// and what was expected, before anything of the file is applied (config.ts applies it).

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
