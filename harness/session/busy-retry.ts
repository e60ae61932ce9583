import type { Session } from './session.js';

/**
 * Waits before each new attempt when a server greets a new connection with 421 ("service not
 * available, try again later", RFC 5321 §3.1, §4.2.3). A server with a connection limit (Exim:
 * "421 Too many concurrent SMTP connections") says this while the suite's other checks hold
 * connections; a client is expected to come back later, and a check that took the 421 as its
 * answer would grade the limit instead of its requirement. The waits are short: a server that
 * keeps saying 421 gets it graded.
 */
export const BUSY_RETRY_WAITS_MS: readonly number[] = [200, 500, 1_000];

/** Opens a session; while it greets with 421, closes it and tries again after the next wait. */
export async function openRetryingBusy(open: () => Promise<Session>, waitsMs: readonly number[] = BUSY_RETRY_WAITS_MS): Promise<Session> {
  let session = await open();
  for (const wait of waitsMs) {
    const g = session.greeting;
    if (g.kind !== 'reply' || g.code !== 421) return session;
    session.close();
    await new Promise((resolve) => setTimeout(resolve, wait));
    session = await open();
  }
  return session;
}
