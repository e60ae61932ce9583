import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DialogLog } from '../../../harness/model/log.js';
import { modelProperty } from '../../../harness/model/model-run.js';
import type { CheckContext } from '../../../harness/check.js';
import { Session } from '../../../harness/session/session.js';
import { startReferenceServer, type ReferenceServer } from '../../../fixtures/reference/index.js';
import { propChecks } from '../../../suites/prop/index.js';
import { runProps, summary } from '../../prop/run.js';

// The model's side of the contract: hygiene (at most two protocol errors per connection, nothing
// before the greeting, pipelining only where offered) and tolerance of what the RFC leaves to the
// server (the model follows legitimate choices instead of failing them).

const seed = Number(process.env.SMTPSPEC_TEST_SEED ?? Math.floor(Math.random() * 2 ** 31));
let server: ReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer();
});
afterAll(() => server.close());

describe(`model-based runs (seed ${seed})`, () => {
  it('never draw a third protocol error on one connection', async () => {
    console.log(`model hygiene seed ${seed}`);
    const sessions: Session[] = [];
    const connect = async () => {
      const s = await Session.open({ host: server.host, port: server.port, replyTimeoutMs: 3_000 });
      sessions.push(s);
      // Session.open has read the greeting: nothing is ever sent before it.
      expect(s.greeting).toMatchObject({ kind: 'reply', code: 220 });
      return s;
    };
    const ctx = { heloName: 'client.test', sender: 'sender@client.test', rcpt: server.mailbox, localDomain: server.localDomain, credentials: server.auth, probeKeywords: new Set(), token: 'hygiene', seed, connect } as unknown as CheckContext;
    const property = modelProperty(ctx, { strict: false, maxCommands: 40, longLines: false });
    let errors = 0;
    await fc.assert(
      fc.asyncProperty(property.arbitrary, async (value) => {
        await property.run(value, { connect, log: new DialogLog(), commands: 0, silences: 0 });
        for (const s of sessions.splice(0)) {
          errors += s.protocolErrors;
          expect(s.protocolErrors, s.transcript.render()).toBeLessThanOrEqual(2);
          s.close();
        }
      }),
      { seed, numRuns: 150 },
    );
    // The runs did probe error paths; they just kept within the budget.
    expect(errors).toBeGreaterThan(50);
  });

  // Each of these mutants makes a choice the RFC allows (or only a SHOULD-level slip the scripted
  // checks grade NON-STRICT): the session model must not call it a violation.
  for (const mutant of ['noop-argument-refused', 'vrfy-disabled-502', 'unknown-command-502', 'relay-denied-554', 'data-accepted-without-rcpt']) {
    it(`tolerates ${mutant}`, async () => {
      const results = await runProps(propChecks.filter((c) => c.id === 'prop/4.1.4/session-model'), { mutant, seed });
      expect(results[0]!.grade, summary(results)).toBe('PASS');
    });
  }
});
