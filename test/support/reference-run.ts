import type { Check } from '../../harness/check.js';
import type { CheckResult } from '../../harness/result.js';
import { runChecks, type RunnerOptions } from '../../harness/runner.js';
import { startSink } from '../../harness/sink/sink.js';
import type { ReferenceProfile } from '../../fixtures/reference/profiles.js';
import { startReferenceServer, type ReferenceServer } from '../../fixtures/reference/server.js';

export interface ReferenceRunOptions {
  readonly mutant?: string;
  /** A reference server that behaves as another kind of target (submission, TLS required). */
  readonly profile?: ReferenceProfile;
  readonly strict?: boolean;
  /** The run's --seed (default 1) and --runs for property checks. */
  readonly seed?: number;
  readonly runs?: number;
  readonly checkTimeoutMs?: number;
}

/** A relay check waits at most this long for the sink; the reference relays within milliseconds. */
const SINK_WAIT_MS = 5_000;

/**
 * Runs checks against a fresh reference server (or one of its mutants) that relays sink.test and
 * bounce.test to a fresh relay sink, and returns the results.
 */
export async function runAgainstReference(checks: readonly Check[], opts: ReferenceRunOptions = {}): Promise<CheckResult[]> {
  const sink = await startSink({ waitMs: SINK_WAIT_MS });
  const server = await startReferenceServer({
    relayRoutes: sink.routes,
    ...(opts.mutant === undefined ? {} : { mutant: opts.mutant }),
    ...(opts.profile === undefined ? {} : { profile: opts.profile }),
  });
  try {
    const outcome = await runChecks(checks, {
      ...referenceRunnerOptions(server),
      checkTimeoutMs: opts.checkTimeoutMs ?? 30_000,
      strict: opts.strict ?? false,
      seed: opts.seed ?? 1,
      ...(opts.runs === undefined ? {} : { runs: opts.runs }),
      sink: sink.access,
    });
    return outcome.results;
  } finally {
    await server.close();
    await sink.close();
  }
}

/**
 * The runner settings of a run against a reference server, reached at `port`: the server's own, or
 * that of a proxy in front of it. No relay sink; callers override what they need.
 */
export function referenceRunnerOptions(server: ReferenceServer, port = server.port): RunnerOptions {
  return {
    endpoint: { name: 'reference', url: `smtp://127.0.0.1:${port}`, host: server.host, port, implicitTls: false },
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
    seed: 1,
  };
}

/** "id: GRADE reason" lines for assertion messages. */
export function describeResults(results: readonly CheckResult[]): string {
  return results.map((r) => `${r.id}: ${r.grade}${r.reason ? ` (${r.reason})` : ''}`).join('\n');
}
