import type { Check } from '../../harness/check.js';
import type { CheckResult } from '../../harness/result.js';
import { runChecks } from '../../harness/runner.js';
import { startReferenceServer } from '../../fixtures/reference/server.js';

/** Runs checks against a fresh reference server (or a mutant) with a given run seed and --runs. */
export async function runProps(checks: readonly Check[], opts: { mutant?: string; seed: number; runs?: number }): Promise<CheckResult[]> {
  const server = await startReferenceServer(opts.mutant === undefined ? {} : { mutant: opts.mutant });
  try {
    const outcome = await runChecks(checks, {
      endpoint: { name: 'reference', url: `smtp://127.0.0.1:${server.port}`, host: server.host, port: server.port, implicitTls: false },
      starttls: false,
      verifyCertificates: false,
      credentials: server.auth,
      heloName: 'client.test',
      sender: 'sender@client.test',
      rcpt: server.mailbox,
      concurrency: 8,
      replyTimeoutMs: 3_000,
      checkTimeoutMs: 30_000,
      strict: false,
      seed: opts.seed,
      ...(opts.runs !== undefined ? { runs: opts.runs } : {}),
    });
    return outcome.results;
  } finally {
    await server.close();
  }
}

/** "id: GRADE actual" lines, for assertion messages and the seeds the tests print. */
export function summary(results: readonly CheckResult[]): string {
  return results.map((r) => `${r.id}: ${r.grade} ${r.actual}${r.grade === 'FAIL' || r.grade === 'ERROR' ? `\n${r.reason}` : ''}`).join('\n');
}
