import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHostileServer } from '../../fixtures/hostile/servers.js';
import { spawn } from 'node:child_process';
import { ROOT, runCli } from '../support/cli.js';
import { startFakeSmtp } from '../support/fake-smtp/server.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'smtpspec-cli-'));


describe('smtpspec CLI: usage errors exit 2 with one clear line and no stack trace', () => {
  it.each([
    [[], /Usage:/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['run'], /run needs --target/],
    [['run', '--target', 'http://x'], /scheme http:/],
    [['run', '--target', 'reference', '--level', 'loud'], /--level must be must, should or may/],
    [['run', '--target', 'reference', '--concurrency', 'many'], /--concurrency needs a whole number/],
    [['run', '--target', 'reference', '--bogus'], /Unknown option '--bogus'/],
    [['run', '--target', 'reference', '--mutant', 'no-such-mutant'], /unknown mutant "no-such-mutant"/],
    [['run', '--target', 'smtp://127.0.0.1:25', '--mutant', 'no-helo'], /--mutant works only with --target reference/],
    [['run', '--target', 'reference', '--include', 'rfc9999'], /no check matches/],
    [['run', '--target', 'reference', '--auth-user', 'u'], /give both an AUTH user and a password/],
    [['list', '--format', 'yaml'], /--format must be text, json, markdown/],
  ])('%j', async (args, message) => {
    const r = await runCli(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('smtpspec run', () => {
  it('against the reference server: exit 0, the tally line, and all three reports', async () => {
    const dir = tmp();
    const r = await runCli(['run', '--target', 'reference', '--report-dir', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed/m);
    const json = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8'));
    expect(json.tool.name).toBe('smtpspec');
    expect(json.summary.fail).toBe(0);
    expect(json.summary.total).toBe(json.results.length);
    expect(json.target.ehlo.length).toBeGreaterThan(0);
    expect(existsSync(path.join(dir, 'junit.xml'))).toBe(true);
    expect(readFileSync(path.join(dir, 'results.tap'), 'utf8')).toMatch(/^TAP version 14\n1\.\.\d+/);
  });

  it('against a mutant: exit 1 and the failure is shown with expected and actual', async () => {
    const dir = tmp();
    const r = await runCli(['run', '--target', 'reference', '--mutant', 'rcpt-before-mail-accepted', '--include', 'rfc5321/4.1.4', '--report-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('rfc5321/4.1.4/rcpt-before-mail');
    expect(r.stdout).toMatch(/Expected/);
    expect(r.stdout).toMatch(/Actual/);
  });

  it('--starttls runs every check inside TLS', async () => {
    const dir = tmp();
    const r = await runCli(['run', '--target', 'reference', '--starttls', '--include', 'rfc5321/4.1.4', '--report-dir', dir]);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8'));
    for (const result of json.results) expect(result.transcript).toMatch(/\*\* TLS handshake done[^]*~> /);
  });

  it('never writes the AUTH password to the terminal or a report', async () => {
    const dir = tmp();
    const r = await runCli(['run', '--target', 'reference', '--include', 'rfc4954', '--report-dir', dir]);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8'));
    expect(json.options.auth).toBe(true);
    // The reference server's password is random per start; look for the shape of PLAIN credentials instead.
    const everything = [r.stdout, readFileSync(path.join(dir, 'results.json'), 'utf8'), readFileSync(path.join(dir, 'junit.xml'), 'utf8'), readFileSync(path.join(dir, 'results.tap'), 'utf8'), readFileSync(path.join(dir, 'index.html'), 'utf8')].join('\n');
    expect(everything).toContain('[redacted]');
    expect(everything).not.toMatch(/AUTH PLAIN AHNtdHBzcGVj/); // base64 of "\0smtpspec", the start of a real PLAIN response
  });

  it('Ctrl-C stops the run, still writes the report of what finished, and exits 130', async () => {
    // A server that greets at once but answers everything else slowly keeps checks running.
    const server = await startFakeSmtp({ answer: (line) => (line.startsWith('EHLO') || line === 'QUIT' ? (line === 'QUIT' ? '221 bye' : '250 slow.test') : null), linesOnly: true });
    try {
      const dir = tmp();
      const child = spawn(process.execPath, [path.join(ROOT, 'dist/cli/main.js'), 'run', '--target', `smtp://127.0.0.1:${server.port}`, '--report-dir', dir, '--timeout', '20000'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += String(d)));
      setTimeout(() => child.kill('SIGINT'), 1_500);
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(130);
      expect(stderr).toContain('interrupted');
      const json = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8'));
      expect(json.results.length).toBe(json.summary.total);
      expect(json.results.some((r: { reason: string }) => r.reason.includes('interrupted'))).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('an unreachable target: exit 3, a clear message, and a report all ERROR', async () => {
    const server = await startHostileServer('never-greets');
    const port = server.port;
    await server.close();
    const dir = tmp();
    const r = await runCli(['run', '--target', `smtp://127.0.0.1:${port}`, '--report-dir', dir, '--timeout', '1000']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/target unreachable: cannot connect to 127\.0\.0\.1:\d+/);
    const json = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8'));
    expect(json.summary.error).toBe(json.summary.total);
  });

  it('a target that never greets: exit 3 within the timeout, report written', async () => {
    const server = await startHostileServer('never-greets');
    try {
      const dir = tmp();
      const started = Date.now();
      const r = await runCli(['run', '--target', `smtp://127.0.0.1:${server.port}`, '--report-dir', dir, '--timeout', '1000']);
      expect(r.code).toBe(3);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')).summary.error).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});

describe('smtpspec list and mutants', () => {
  it('list --format json gives every check with id, level and title', async () => {
    const r = await runCli(['list', '--format', 'json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as Array<{ id: string; level: string; title: string }>;
    expect(list.length).toBeGreaterThanOrEqual(40);
    for (const c of list) expect(c.id).toMatch(/^[a-z0-9]+\/[0-9.]+\/[a-z0-9-]+$/);
  });

  it('list --all also shows the catalog entries that are not automated, with the reason', async () => {
    const json = await runCli(['list', '--all', '--format', 'json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { checks: unknown[]; notAutomated: Array<{ catalog: string; reason: string }> };
    expect(parsed.checks.length).toBeGreaterThanOrEqual(40);
    expect(parsed.notAutomated.length).toBeGreaterThan(0);
    for (const n of parsed.notAutomated) expect(n.reason.length).toBeGreaterThan(10);
    const text = await runCli(['list', '--all']);
    expect(text.stdout).toMatch(/Not automated \(\d+ catalog entries\):/);
  });

  it('mutants --format json gives [{ name, description, kills, nonStrict }]', async () => {
    const r = await runCli(['mutants', '--format', 'json']);
    expect(r.code).toBe(0);
    const mutants = JSON.parse(r.stdout) as Array<{ name: string; description: string; kills: string[] }>;
    expect(mutants.map((m) => m.name)).toContain('case-sensitive-verbs');
    for (const m of mutants) expect(Object.keys(m).sort()).toEqual(['description', 'kills', 'name', 'nonStrict']);
  });
});
