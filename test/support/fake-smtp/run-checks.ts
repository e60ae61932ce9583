import type { Check } from '../../../harness/check.js';
import type { CheckResult } from '../../../harness/result.js';
import { runChecks, type RunnerOptions } from '../../../harness/runner.js';
import { FAKE_PASS, FAKE_USER } from './auth.js';
import type { FakeSmtpOptions } from './options.js';
import { startFakeSmtp } from './server.js';

/** Runs checks against a fake server started with `fake` (and the runner settings in `run`). */
export async function resultsAgainstFake(checks: readonly Check[], fake: FakeSmtpOptions = {}, run: Partial<RunnerOptions> = {}): Promise<CheckResult[]> {
  const server = await startFakeSmtp(fake);
  try {
    const outcome = await runChecks(checks, {
      endpoint: { name: 'fake', url: `smtp://127.0.0.1:${server.port}`, host: '127.0.0.1', port: server.port, implicitTls: false },
      starttls: false,
      verifyCertificates: false,
      credentials: { user: FAKE_USER, pass: FAKE_PASS },
      heloName: 'client.test',
      sender: 'sender@client.test',
      rcpt: 'user@fake.test',
      concurrency: 8,
      replyTimeoutMs: 1_500,
      checkTimeoutMs: 15_000,
      strict: false,
      seed: 1,
      ...run,
    });
    return outcome.results;
  } finally {
    await server.close();
  }
}

/** Runs checks against a fake server and returns id → grade. */
export async function gradesAgainstFake(checks: readonly Check[], fake: FakeSmtpOptions = {}, run: Partial<RunnerOptions> = {}): Promise<Record<string, string>> {
  const results = await resultsAgainstFake(checks, fake, run);
  return Object.fromEntries(results.map((r) => [r.id, r.grade]));
}

/** Runs one check against a fake server and returns its result. */
export async function runOnFake(check: Check, fake: FakeSmtpOptions = {}, run: Partial<RunnerOptions> = {}): Promise<CheckResult> {
  const [result] = await resultsAgainstFake([check], fake, run);
  return result!;
}
