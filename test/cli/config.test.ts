import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveRunArgs } from '../../cli/config.js';
import { validateConfig } from '../../cli/config-schema.js';
import { parseRunOptions } from '../../cli/options.js';
import { UsageError } from '../../cli/usage.js';

const project = (config: unknown, file = 'smtpspec.config.json'): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'smtpspec-config-'));
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  return dir;
};

/** What `smtpspec run ARGS` would run with, in a directory holding that config. */
function resolve(config: unknown, args: string[], env: NodeJS.ProcessEnv = {}) {
  const dir = project(config);
  const r = resolveRunArgs(args, env, dir);
  return { dir, opts: { ...parseRunOptions(r.args, r.env), targetName: r.targetName } };
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error('no error');
}

const postfix = { targets: { postfix: { url: 'smtp://127.0.0.1:2525', rcpt: 'user@example.test', starttls: true, auth: { user: 'alice', passwordEnv: 'POSTFIX_PASSWORD' } } } };

describe('smtpspec.config.json', () => {
  it('without a file, nothing changes', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'smtpspec-config-'));
    expect(resolveRunArgs(['--target', 'reference'], {}, dir)).toEqual({ args: ['--target', 'reference'], env: {}, targetName: undefined, configFile: undefined });
  });

  it('a named target brings its URL, settings and the password from the variable it names', () => {
    const { opts } = resolve(postfix, ['--target', 'postfix'], { POSTFIX_PASSWORD: 's3cret' });
    expect(opts).toMatchObject({ target: 'smtp://127.0.0.1:2525', targetName: 'postfix', rcpt: 'user@example.test', starttls: true, authUser: 'alice', authPass: 's3cret' });
  });

  it('the only target is the default; "target" chooses among several', () => {
    expect(resolve(postfix, [], { POSTFIX_PASSWORD: 'x' }).opts.target).toBe('smtp://127.0.0.1:2525');
    const two = { target: 'exim', targets: { ...postfix.targets, exim: { url: 'smtps://127.0.0.1:4650' } } };
    expect(resolve(two, []).opts).toMatchObject({ target: 'smtps://127.0.0.1:4650', targetName: 'exim' });
    expect(errorOf(() => resolve({ targets: two.targets }, []))).toMatch(/defines the targets postfix, exim: choose one with --target NAME/);
  });

  it('the command line overrides the file, lists included', () => {
    const config = { target: 'reference', include: ['rfc5321'], level: 'must', concurrency: 2, strict: true, timeout: 500 };
    const { opts } = resolve(config, ['--include', 'rfc4954', '--concurrency=4']);
    expect(opts).toMatchObject({ target: 'reference', include: ['rfc4954'], level: 'must', concurrency: 4, strict: true, timeoutMs: 500 });
    expect(resolve(config, ['--target', 'smtp://127.0.0.1:25']).opts.target).toBe('smtp://127.0.0.1:25');
  });

  it('--auth-user on the command line wins over the file (and needs no variable)', () => {
    const { opts } = resolve(postfix, ['--target', 'postfix', '--auth-user', 'bob', '--auth-pass', 'pw']);
    expect(opts).toMatchObject({ authUser: 'bob', authPass: 'pw' });
  });

  it('paths are relative to the config file; --config names another file', () => {
    const dir = project({ target: 'reference', reportDir: 'out', baseline: 'ci/baseline.json', summaryMd: 'summary.md' }, 'conf/smtpspec.json');
    const r = resolveRunArgs(['--config', 'conf/smtpspec.json'], {}, dir);
    const opts = parseRunOptions(r.args, r.env);
    expect(opts.reportDir).toBe(path.join(dir, 'conf/out'));
    expect(opts.baseline).toBe(path.join(dir, 'conf/ci/baseline.json'));
    expect(opts.summaryMd).toBe(path.join(dir, 'conf/summary.md'));
    expect(r.configFile).toBe('conf/smtpspec.json');
  });

  it('a reference mutant and the sink placeholder are accepted', () => {
    const { opts } = resolve({ targets: { broken: { url: 'reference', mutant: 'no-helo' } }, sink: { url: 'smtp://127.0.0.1:2626', anything: 'later' } }, []);
    expect(opts).toMatchObject({ target: 'reference', mutant: 'no-helo', targetName: 'broken' });
  });
});

describe('config errors: the file, the key, what was expected and what was found, on one line', () => {
  it.each<[unknown, RegExp]>([
    [{ targets: { postfix: { url: 'http://x' } } }, /^f\.json: targets\.postfix\.url: expected smtp:\/\/ or smtps:\/\/ URL \(or "reference"\), got "http:\/\/x"$/],
    [{ targets: { postfix: {} } }, /^f\.json: targets\.postfix\.url: expected smtp:\/\/ or smtps:\/\/ URL \(or "reference"\), got nothing$/],
    [{ targets: { postfix: { url: 'smtp://x', rcpt: 'nobody' } } }, /^f\.json: targets\.postfix\.rcpt: expected a mailbox like user@example\.test, got "nobody"$/],
    [{ level: 'loud' }, /^f\.json: level: expected "must", "should" or "may", got "loud"$/],
    [{ concurrency: 0 }, /^f\.json: concurrency: expected a whole number from 1 to 256, got 0$/],
    [{ timeout: '10s' }, /^f\.json: timeout: expected a whole number of milliseconds from 1 to 3600000, got "10s"$/],
    [{ include: 'rfc5321' }, /^f\.json: include: expected an array, got "rfc5321"$/],
    [{ profiles: ['fast'] }, /^f\.json: profiles\[0\]: expected "default" or "slow", got "fast"$/],
    [{ strict: 'yes' }, /^f\.json: strict: expected true or false, got "yes"$/],
    [{ sink: 'smtp://x' }, /^f\.json: sink: expected an object \(the relay sink settings\), got "smtp:\/\/x"$/],
    [{ filters: {} }, /^f\.json: filters: unknown key \(expected one of target, targets, sink, include, exclude, level, profiles, strict, concurrency, timeout, checkTimeout, seed, reportDir, baseline, summaryMd, verbose\)$/],
    [{ target: 'nowhere', targets: { a: { url: 'smtp://x' } } }, /^f\.json: target: expected one of the targets \(a\), a URL or "reference", got "nowhere"$/],
    [{ targets: { a: { url: 'smtp://x', mutant: 'no-helo' } } }, /^f\.json: targets\.a\.mutant: a mutant needs "url": "reference"$/],
    [{ targets: { a: { url: 'smtp://x', auth: { user: 'u' } } } }, /^f\.json: targets\.a\.auth\.passwordEnv: expected the name of the environment variable that holds the password, got nothing$/],
    [[1], /^f\.json: expected a JSON object, got an array$/],
  ])('%j', (doc, message) => {
    expect(errorOf(() => validateConfig('f.json', doc))).toMatch(message);
  });

  it.each<[unknown, string]>([
    [{ targets: { a: { url: 'smtp://x', auth: { user: 'u', password: 'hunter2' } } } }, 'targets.a.auth.password'],
    [{ targets: { a: { url: 'smtp://x', auth: { user: 'u', pass: 'hunter2' } } } }, 'targets.a.auth.pass'],
    [{ authPass: 'hunter2' }, 'authPass'],
    [{ sink: { password: 'hunter2' } }, 'sink.password'],
  ])('a literal password is refused: %j', (doc, key) => {
    const message = errorOf(() => validateConfig('f.json', doc));
    expect(message).toBe(`f.json: ${key}: a literal password is not allowed in a config file (it would end up in version control and CI logs); name an environment variable instead, e.g. "passwordEnv": "SMTP_PASSWORD"`);
    expect(message).not.toContain('hunter2');
  });

  it('a password in the URL is refused, and a password put where a variable name goes is not echoed', () => {
    expect(errorOf(() => validateConfig('f.json', { targets: { a: { url: 'smtp://u:hunter2@x:25' } } }))).toMatch(/^f\.json: targets\.a\.url: a password in the URL is not allowed/);
    const message = errorOf(() => validateConfig('f.json', { targets: { a: { url: 'smtp://x', auth: { user: 'u', passwordEnv: 'hunter2' } } } }));
    expect(message).toBe('f.json: targets.a.auth.passwordEnv: expected the NAME of an environment variable (upper-case letters, digits and _), got a string that is not one');
  });

  it('a variable that is not set is named, at the key that names it', () => {
    expect(errorOf(() => resolve(postfix, ['--target', 'postfix']))).toBe('smtpspec.config.json: targets.postfix.auth.passwordEnv: the environment variable POSTFIX_PASSWORD is not set');
  });

  it('not JSON, or a --config that does not exist', () => {
    expect(errorOf(() => resolve('{ "target": ', []))).toMatch(/^smtpspec\.config\.json: not valid JSON \(/);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'smtpspec-config-'));
    expect(errorOf(() => resolveRunArgs(['--config', 'nope.json'], {}, dir))).toBe('nope.json: cannot read the config file: no such file');
  });
});
