import { afterEach, describe, expect, it } from 'vitest';
import { hostileKinds, startHostileServer, type HostileServer } from '../../fixtures/hostile/servers.js';
import { GRADES, summarize, type RunReport } from '../../harness/result.js';
import { runChecks } from '../../harness/runner.js';
import { renderJunit } from '../../harness/report/junit.js';
import { allChecks } from '../../suites/index.js';
import { validateJunit } from './report/xml-check.js';

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// The whole suite against servers that misbehave: every check ends with a grade within the
// timeouts, nothing throws, and the report is valid JUnit.
describe.each(hostileKinds.map((k) => [k]))('the full suite against a %s server', (kind) => {
  it('grades every check within the timeouts and writes a valid report', async () => {
    server = await startHostileServer(kind);
    const started = Date.now();
    const outcome = await runChecks(allChecks, {
      endpoint: { name: kind, url: `smtp://127.0.0.1:${server.port}`, host: '127.0.0.1', port: server.port, implicitTls: false },
      starttls: false,
      verifyCertificates: false,
      credentials: { user: 'hostile-user', pass: 'hostile-pass' },
      heloName: 'client.test',
      sender: 'sender@client.test',
      rcpt: 'user@hostile.test',
      concurrency: 8,
      replyTimeoutMs: 500,
      checkTimeoutMs: 5_000,
      strict: false,
      seed: 1,
    });
    const elapsed = Date.now() - started;
    expect(outcome.results).toHaveLength(allChecks.length);
    for (const r of outcome.results) expect(GRADES).toContain(r.grade);
    // No check passes against a server that cannot hold a conversation, but for the greeting of
    // those that greet properly before misbehaving.
    const greets = !['never-greets', 'garbage'].includes(kind);
    expect(outcome.results.filter((r) => r.grade === 'PASS').map((r) => r.id)).toEqual(greets ? ['rfc5321/3.1/greeting'] : []);
    expect(elapsed).toBeLessThan(30_000);
    const report: RunReport = {
      tool: { name: 'smtpspec', version: 'test' },
      target: outcome.target,
      startedAt: new Date(started).toISOString(),
      durationMs: elapsed,
      options: {},
      summary: summarize(outcome.results),
      results: outcome.results,
    };
    const validation = await validateJunit(renderJunit(report));
    expect(validation.errors).toEqual([]);
  });
});
