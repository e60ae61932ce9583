import type { Check } from '../../../harness/check.js';
import type { CheckResult } from '../../../harness/result.js';
import { runChecks } from '../../../harness/runner.js';
import type { ReferenceProfile } from '../../../fixtures/reference/profiles.js';
import { startReferenceServer } from '../../../fixtures/reference/server.js';

/** Runs checks against the reference server started with a profile (a submission server, a TLS-requiring one). */
export async function runAgainstProfile(checks: readonly Check[], profile: ReferenceProfile, mutant?: string): Promise<CheckResult[]> {
  const server = await startReferenceServer({ profile, ...(mutant === undefined ? {} : { mutant }) });
  try {
    const outcome = await runChecks(checks, {
      endpoint: { name: 'reference', url: `smtp://127.0.0.1:${server.port}`, host: server.host, port: server.port, implicitTls: false },
      starttls: false,
      verifyCertificates: false,
      credentials: server.auth,
      heloName: 'client.test',
      sender: 'sender@client.test',
      rcpt: server.mailbox,
      concurrency: 4,
      replyTimeoutMs: 3_000,
      checkTimeoutMs: 20_000,
      strict: false,
      seed: 1,
    });
    return outcome.results;
  } finally {
    await server.close();
  }
}
