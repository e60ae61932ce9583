import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eximTarget } from '../../fixtures/targets/exim/target.js';
import { postfixTarget } from '../../fixtures/targets/postfix/target.js';
import { startLocalTarget } from '../../harness/targets/local.js';
import { groupAlive } from '../../harness/targets/process.js';
import { listRegistered, ownerAlive } from '../../harness/targets/registry.js';
import { ROOT, runCli } from '../support/cli.js';
import { expectRegisteredAndRunning, expectStopLeavesNothing, installedOrSkipReason } from './support.js';
import { ehloKeywords } from './smtp-dialog.js';

describe.each([
  ['postfix', postfixTarget, /^220 mx\.postfix\.test ESMTP Postfix/],
  ['exim', eximTarget, /^220 mx\.exim\.test ESMTP Exim 4\.96/],
] as const)('local target %s', (_name, spec, greeting) => {
  it('installs, starts on 127.0.0.1 with STARTTLS, AUTH PLAIN LOGIN and SMTPUTF8, and stops leaving nothing behind', async (ctx) => {
    const skip = await installedOrSkipReason(spec);
    if (skip) return ctx.skip(skip);
    const t = await startLocalTarget(spec);
    try {
      expect(t.host).toBe('127.0.0.1');
      expect(t.greeting).toMatch(greeting);
      const keywords = await ehloKeywords(t.port);
      expect(keywords).toEqual(expect.arrayContaining(['STARTTLS', 'SMTPUTF8', '8BITMIME', 'PIPELINING']));
      expect(keywords.find((k) => k.startsWith('AUTH '))?.split(' ').slice(1).sort()).toEqual(['LOGIN', 'PLAIN']);
      const entry = expectRegisteredAndRunning(t);
      console.log(`${spec.name}: 220 after ${t.startMs} ms on 127.0.0.1:${t.port}`);
      await expectStopLeavesNothing(t, entry);
    } finally {
      await t.stop();
    }
  });
});

describe('targets status and stop find a running target through the registry', () => {
  it('`targets stop ID` ends a server another process started', async (ctx) => {
    const skip = await installedOrSkipReason(eximTarget);
    if (skip) return ctx.skip(skip);
    const t = await startLocalTarget(eximTarget);
    try {
      const entry = listRegistered().find((e) => e.id === t.id)!;
      const status = await runCli(['targets', 'status', 'exim']);
      expect(status.code).toBe(0);
      expect(status.stdout).toContain(`${t.id}`);
      expect(status.stdout).toContain(`127.0.0.1:${t.port}`);
      const stop = await runCli(['targets', 'stop', t.id]);
      expect(stop.code).toBe(0);
      expect(stop.stdout).toMatch(new RegExp(`exim: 127\\.0\\.0\\.1:${t.port} (terminated|killed)`));
      expect(groupAlive(entry.pgid)).toBe(false);
    } finally {
      await t.stop();
    }
  });
});

describe('an interrupted run leaves no server behind', () => {
  it('Ctrl-C during `run --target exim` stops the server and clears the registry', async (ctx) => {
    const skip = await installedOrSkipReason(eximTarget);
    if (skip) return ctx.skip(skip);
    const before = new Set(listRegistered().map((e) => e.id));
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/cli/main.js'), 'run', '--target', 'exim', '--report-dir', path.join(ROOT, 'test-artifacts/interrupted-exim')], { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let mine: ReturnType<typeof listRegistered>[number] | undefined;
    for (let i = 0; i < 200 && mine === undefined; i++) {
      await new Promise((r) => setTimeout(r, 50));
      mine = listRegistered().find((e) => !before.has(e.id) && e.ownerPid === child.pid);
    }
    expect(mine, 'the run registered its server').toBeDefined();
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(groupAlive(mine!.pgid)).toBe(false);
    expect(listRegistered().some((e) => e.id === mine!.id)).toBe(false);
    expect(existsSync(mine!.runDir)).toBe(false);
  });
});

interface ResultsJson {
  summary: Record<string, number>;
  results: { id: string; grade: string; reason?: string }[];
}

/** Grades per RFC (the id's first segment), e.g. { rfc5321: { PASS: 60, FAIL: 2 } }. */
function gradesPerRfc(results: ResultsJson['results']): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const r of results) {
    const rfc = r.id.split('/')[0]!;
    const row = (out[rfc] ??= {});
    row[r.grade] = (row[r.grade] ?? 0) + 1;
  }
  return out;
}

describe.each([['postfix', postfixTarget], ['exim', eximTarget]] as const)('smtpspec run --target %s', (name, spec) => {
  it('completes with a report and no ERROR grade (FAIL and NON-STRICT are the server\'s deviations)', async (ctx) => {
    const skip = await installedOrSkipReason(spec);
    if (skip) return ctx.skip(skip);
    const dir = path.join(ROOT, 'test-artifacts', `run-${name}`);
    const started = Date.now();
    const r = await runCli(['run', '--target', name, '--report-dir', dir], {}, 180_000);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.code);
    const summaryLine = r.stdout.split('\n').find((l) => /\d+ passed, \d+ failed/.test(l));
    expect(summaryLine).toBeDefined();
    const report = JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(path.join(dir, 'results.json'), 'utf8'))) as ResultsJson;
    const errors = report.results.filter((x) => x.grade === 'ERROR');
    expect(errors.map((e) => `${e.id}: ${e.reason ?? ''}`)).toEqual([]);
    // The AUTH checks ran with the target's test account (not SKIPPED for want of credentials).
    expect(report.results.filter((x) => x.id.startsWith('rfc4954/') && x.grade === 'PASS').length).toBeGreaterThan(0);
    console.log(`${name}: ${summaryLine} (wall ${seconds} s)\n${Object.entries(gradesPerRfc(report.results)).map(([rfc, row]) => `  ${rfc.padEnd(10)} ${Object.entries(row).map(([g, n]) => `${g} ${n}`).join(', ')}`).join('\n')}`);
    // The run stopped its server: nothing of it is left registered by a process that is gone.
    expect(listRegistered().filter((e) => e.name === name && !ownerAlive(e))).toEqual([]);
  }, 200_000);
});
