import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, type CliResult } from '../support/cli.js';


/** `smtpspec ARGS` run in `cwd`, where it looks for smtpspec.config.json. */
function smtpspecIn(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const { SMTPSPEC_AUTH_USER: _u, SMTPSPEC_AUTH_PASS: _p, ...base } = process.env;
    execFile(process.execPath, [path.join(ROOT, 'dist/cli/main.js'), ...args], { cwd, env: { ...base, NO_COLOR: '1', ...env }, timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}

function dirWithConfig(config: unknown): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'smtpspec-config-cli-'));
  writeFileSync(path.join(dir, 'smtpspec.config.json'), JSON.stringify(config, null, 2));
  return dir;
}

describe('smtpspec run with smtpspec.config.json', () => {
  it('a bad value: exit 2 and one line naming the file, the key, what was expected and what was found', async () => {
    const dir = dirWithConfig({ targets: { postfix: { url: 'http://x' } } });
    const r = await smtpspecIn(dir, ['run', '--target', 'postfix']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('smtpspec: smtpspec.config.json: targets.postfix.url: expected smtp:// or smtps:// URL (or "reference"), got "http://x"\n');
  });

  it('a literal password: exit 2 and the password is not repeated', async () => {
    const dir = dirWithConfig({ targets: { mx: { url: 'smtp://127.0.0.1:2525', auth: { user: 'alice', password: 'hunter2' } } } });
    const r = await smtpspecIn(dir, ['run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^smtpspec: smtpspec\.config\.json: targets\.mx\.auth\.password: a literal password is not allowed in a config file/);
    expect(r.stderr).not.toContain('hunter2');
  });

  it('the file in the working directory picks target, filters and report dir; the command line overrides', async () => {
    const dir = dirWithConfig({
      target: 'ref',
      targets: { ref: { url: 'reference', mutant: 'rcpt-before-mail-accepted' } },
      include: ['rfc5321/4.1.4'],
      reportDir: 'out',
      summaryMd: 'summary.md',
    });
    const r = await smtpspecIn(dir, ['run']);
    expect(r.code).toBe(1);
    const json = JSON.parse(readFileSync(path.join(dir, 'out/results.json'), 'utf8'));
    expect(json.target.name).toBe('ref');
    expect(json.options.include).toEqual(['rfc5321/4.1.4']);
    expect(json.results.every((x: { id: string }) => x.id.startsWith('rfc5321/4.1.4/'))).toBe(true);
    expect(readFileSync(path.join(dir, 'summary.md'), 'utf8')).toMatch(/^## smtpspec: ref: ❌ 1 failed/);

    const over = await smtpspecIn(dir, ['run', '--target', 'reference', '--include', 'rfc5321/4.1.1.1', '--report-dir', 'cli']);
    expect(over.code).toBe(0);
    const json2 = JSON.parse(readFileSync(path.join(dir, 'cli/results.json'), 'utf8'));
    expect(json2.target.name).toBe('reference');
    expect(json2.options.include).toEqual(['rfc5321/4.1.1.1']);
  });

  it('--config FILE, and credentials from the variables the file names', async () => {
    const dir = dirWithConfig({});
    const file = path.join(dir, 'other.json');
    writeFileSync(file, JSON.stringify({ targets: { mx: { url: 'smtp://127.0.0.1:9', auth: { userEnv: 'MX_USER', passwordEnv: 'MX_PASSWORD' } } } }));
    const r = await smtpspecIn(dir, ['run', '--config', file, '--target', 'mx'], { MX_USER: 'alice' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`smtpspec: ${file}: targets.mx.auth.passwordEnv: the environment variable MX_PASSWORD is not set\n`);
  });
});
