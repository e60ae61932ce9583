import { describe, expect, it } from 'vitest';
import type { MutantInfo } from '../../../fixtures/reference/mutants.js';
import { relatedMutants } from '../../../fixtures/reference/mutants/related.js';
import { rfc2920Checks as wholeSuite } from '../../../suites/rfc2920/index.js';
import { basicAnswer } from '../../support/fake-smtp/presets.js';
import { startFakeSmtp } from '../../support/fake-smtp/server.js';
import { describeResults, runAgainstReference } from '../../support/reference-run.js';
import { runChecks } from '../../../harness/runner.js';

// Relay checks (needs: ['sink']) are tested against the relaying reference and its relay mutants
// (test/suites/relay-core, relay-extensions, mutants.test.ts), not here.
const rfc2920Checks = wholeSuite.filter((c) => !c.needs?.includes('sink'));

// The RFC 2920 checks: PASS against the reference server, and the grade each pipelining mutant
// promises; then two scripted servers that break a rule without the reference server's code.

const ids = new Set(rfc2920Checks.map((c) => c.id));
const mine = (relatedMutants as readonly MutantInfo[]).filter((m) => [...m.kills, ...(m.nonStrict ?? [])].some((id) => ids.has(id)));

describe('RFC 2920 checks', () => {
  it('pass against the reference server', async () => {
    const results = await runAgainstReference(rfc2920Checks);
    expect(results.filter((r) => r.grade !== 'PASS'), describeResults(results)).toEqual([]);
  });

  it.each(mine.map((m) => [m.name, m] as const))('%s is caught', async (_name, m) => {
    const results = await runAgainstReference(rfc2920Checks, { mutant: m.name });
    const grade = new Map(results.map((r) => [r.id, r.grade]));
    for (const id of m.kills) expect(grade.get(id), describeResults(results)).toBe('FAIL');
    for (const id of m.nonStrict ?? []) expect(grade.get(id), describeResults(results)).toBe('NON-STRICT');
  });

  async function runScripted(answer: (line: string) => string | null, checkId: string) {
    const server = await startFakeSmtp({ answer, linesOnly: true });
    try {
      const outcome = await runChecks(rfc2920Checks.filter((c) => c.id === checkId), {
        endpoint: { name: 'scripted', url: `smtp://127.0.0.1:${server.port}`, host: '127.0.0.1', port: server.port, implicitTls: false },
        starttls: false, verifyCertificates: false, credentials: undefined, heloName: 'client.test', sender: 'sender@client.test',
        rcpt: 'user@scripted.test', concurrency: 1, replyTimeoutMs: 1_500, checkTimeoutMs: 20_000, strict: false, seed: 1,
      });
      return outcome.results[0]!;
    } finally {
      await server.close();
    }
  }

  it('flush-when-input-empty fails on a server that answers RCPT only when the next line arrives', async () => {
    let pending: string[] = [];
    const result = await runScripted((line) => {
      const verb = line.split(' ')[0]!.toUpperCase();
      if (['RSET', 'MAIL', 'RCPT'].includes(verb)) {
        pending.push('250 ok');
        return null;
      }
      const out = [...pending, basicAnswer(line)!].join('\r\n');
      pending = [];
      return out;
    }, 'rfc2920/3.2/flush-when-input-empty');
    expect(result.grade, result.reason).toBe('FAIL');
  });

  it('in-order-replies fails on a server that answers the unknown recipient last', async () => {
    let held: string | null = null;
    const result = await runScripted((line) => {
      if (/^RCPT TO:<nobody-/i.test(line)) {
        held = '550 5.1.1 unknown';
        return null;
      }
      if (line === 'DATA') {
        const out = ['354 go', held].filter(Boolean).join('\r\n');
        held = null;
        return out;
      }
      return basicAnswer(line);
    }, 'rfc2920/3.2/in-order-replies');
    expect(result.grade, result.reason).toBe('FAIL');
  });
});
