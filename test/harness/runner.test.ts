import { afterEach, describe, expect, it } from 'vitest';
import type { Check } from '../../harness/check.js';
import { handshake } from '../../harness/dialog.js';
import { runChecks, type RunnerOptions } from '../../harness/runner.js';
import { expectReply, pass, violation } from '../../harness/verdict.js';
import { basicAnswer } from '../support/fake-smtp/presets.js';
import { startFakeSmtp, type FakeSmtpServer } from '../support/fake-smtp/server.js';

let server: FakeSmtpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function options(port: number, extra: Partial<RunnerOptions> = {}): RunnerOptions {
  return {
    endpoint: { name: 'scripted', url: `smtp://127.0.0.1:${port}`, host: '127.0.0.1', port, implicitTls: false },
    starttls: false,
    verifyCertificates: false,
    credentials: undefined,
    heloName: 'client.test',
    sender: 'sender@client.test',
    rcpt: 'user@scripted.test',
    concurrency: 4,
    replyTimeoutMs: 500,
    checkTimeoutMs: 2_000,
    strict: false,
    seed: 7,
    ...extra,
  };
}

const base = { title: 't', requirement: 'r', catalog: [] } as const;
const noopCheck = (id: string, extra: Partial<Check> = {}): Check => ({
  ...base,
  id,
  level: 'MUST',
  run: async (s, ctx) => {
    await handshake(s, ctx);
    return expectReply(await s.send('NOOP'), { class: 'ok', preferred: [250] });
  },
  ...extra,
});

describe('runChecks', () => {
  it('grades by verdict and severity, and --strict turns NON-STRICT into FAIL', async () => {
    server = await startFakeSmtp({ answer: (line) => (line === 'NOOP' ? '251 odd but ok' : basicAnswer(line)), linesOnly: true });
    const checks = [noopCheck('x/1/must'), noopCheck('x/1/warn', { severity: 'warn', run: async () => violation(['a'], 'b', 'c') }), noopCheck('x/1/info', { level: 'MAY', run: async () => violation(['a'], 'b', 'c') })];
    const lenient = await runChecks(checks, options(server.port));
    expect(lenient.results.map((r) => r.grade)).toEqual(['NON-STRICT', 'NON-STRICT', 'INFO']);
    const strict = await runChecks(checks, options(server.port, { strict: true }));
    expect(strict.results.map((r) => r.grade)).toEqual(['FAIL', 'FAIL', 'INFO']);
  });

  it('grades UNIMPLEMENTED for a missing keyword and SKIPPED for missing credentials or sink, without connecting', async () => {
    server = await startFakeSmtp({ answer: basicAnswer, linesOnly: true });
    const checks = [noopCheck('x/1/ext', { requires: ['SMTPUTF8'] }), noopCheck('x/1/auth', { needs: ['auth'] }), noopCheck('x/1/sink', { needs: ['sink'] }), noopCheck('x/1/pipe', { requires: ['pipelining'] })];
    const { results } = await runChecks(checks, options(server.port));
    expect(results.map((r) => r.grade)).toEqual(['UNIMPLEMENTED', 'SKIPPED', 'SKIPPED', 'PASS']);
    expect(results[0]!.reason).toContain('SMTPUTF8');
  });

  it('grades ERROR for a failed setup step, a thrown exception and a check that overruns its time', async () => {
    server = await startFakeSmtp({ answer: (line) => (line.startsWith('EHLO') ? '554 go away' : basicAnswer(line)), linesOnly: true });
    const checks = [
      noopCheck('x/1/setup'),
      noopCheck('x/1/throws', { run: async () => { throw new Error('boom'); } }),
      noopCheck('x/1/slow', { run: () => new Promise(() => undefined) }),
    ];
    const started = Date.now();
    const { results } = await runChecks(checks, options(server.port, { checkTimeoutMs: 300 }));
    expect(results.map((r) => r.grade)).toEqual(['ERROR', 'ERROR', 'ERROR']);
    expect(results[0]!.reason).toContain('EHLO client.test got 554');
    expect(results[1]!.reason).toContain('internal error: boom');
    expect(results[2]!.reason).toContain('did not finish within 300 ms');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('gives a check that declares it needs longer (a slow check) its own time', async () => {
    server = await startFakeSmtp({ answer: basicAnswer, linesOnly: true });
    const sleeper = (id: string, extra: Partial<Check>): Check =>
      noopCheck(id, { run: () => new Promise((resolve) => setTimeout(() => resolve(pass(['x'], 'slept')), 600)), ...extra });
    const { results } = await runChecks([sleeper('x/1/long', { timeoutMs: 2_000 }), sleeper('x/1/short', {})], options(server.port, { checkTimeoutMs: 300 }));
    expect(results.map((r) => r.grade)).toEqual(['PASS', 'ERROR']);
  });

  it('reports an unreachable target: every check ERROR, and the reason', async () => {
    server = await startFakeSmtp({ answer: basicAnswer, linesOnly: true });
    const port = server.port;
    await server.close();
    server = undefined;
    const outcome = await runChecks([noopCheck('x/1/a'), noopCheck('x/1/b')], options(port));
    expect(outcome.unreachable).toMatch(/cannot connect/);
    expect(outcome.results.map((r) => r.grade)).toEqual(['ERROR', 'ERROR']);
  });

  it('reports a target that never greets as unreachable within the reply timeout', async () => {
    server = await startFakeSmtp({ answer: basicAnswer, linesOnly: true, greeting: null });
    const started = Date.now();
    const outcome = await runChecks([noopCheck('x/1/a')], options(server.port));
    expect(outcome.unreachable).toMatch(/no greeting/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('runs checks concurrently, each on a fresh connection, and keeps their order in the results', async () => {
    let connections = 0;
    server = await startFakeSmtp({ answer: basicAnswer, linesOnly: true });
    const checks = Array.from({ length: 12 }, (_, i): Check => ({
      ...base,
      id: `x/1/c${i}`,
      level: 'MUST',
      run: async (s) => {
        connections++;
        await new Promise((r) => setTimeout(r, 100));
        return pass(['x'], s.transcript.render().includes('connected') ? 'fresh' : '?');
      },
    }));
    const started = Date.now();
    const { results } = await runChecks(checks, options(server.port, { concurrency: 6 }));
    expect(Date.now() - started).toBeLessThan(12 * 100);
    expect(connections).toBe(12);
    expect(results.map((r) => r.id)).toEqual(checks.map((c) => c.id));
  });
});
