import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../harness/result.js';
import { runChecks } from '../../harness/runner.js';
import { startReferenceServer } from '../../fixtures/reference/server.js';
import { propChecks } from '../../suites/prop/index.js';
import { referenceRunnerOptions } from '../support/reference-run.js';

// A server that does not answer a command within --timeout (a tarpit, or a slow server: RFC 5321
// §4.5.3.2 gives it minutes) has not answered wrongly yet: the session model stops predicting on
// that connection and the verdict is inconclusive (INFO), naming the unanswered commands. The
// server here is the reference behind a proxy that swallows every NOOP line, so it never answers.

const sessionModel = propChecks.filter((c) => c.id === 'prop/4.1.4/session-model');
let reference: Awaited<ReturnType<typeof startReferenceServer>>;
let proxy: net.Server;
const sockets = new Set<net.Socket>();

beforeAll(async () => {
  reference = await startReferenceServer();
  proxy = net.createServer((client) => {
    const upstream = net.connect({ host: '127.0.0.1', port: reference.port });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => (client.destroy(), upstream.destroy()));
    }
    // The server's replies flow through unchanged; its close ends the client after the last of them.
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    let pending = '';
    let raw = false; // after STARTTLS the octets are TLS records: passed on untouched
    client.on('data', (chunk: Buffer) => {
      if (raw) return void upstream.write(chunk);
      pending += chunk.toString('latin1');
      const lines = pending.split('\r\n');
      pending = lines.pop()!;
      const kept: string[] = [];
      for (const [i, l] of lines.entries()) {
        if (/^starttls\b/i.test(l)) {
          raw = true;
          upstream.write(Buffer.from([...kept, l].map((x) => `${x}\r\n`).join('') + lines.slice(i + 1).map((x) => `${x}\r\n`).join('') + pending, 'latin1'));
          pending = '';
          return;
        }
        if (!/^noop\b/i.test(l)) kept.push(l);
      }
      if (kept.length > 0) upstream.write(Buffer.from(kept.map((l) => `${l}\r\n`).join(''), 'latin1'));
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => proxy.close(resolve));
  await reference.close();
});

async function sessionModelVia(port: number): Promise<CheckResult> {
  const outcome = await runChecks(sessionModel, { ...referenceRunnerOptions(reference, port), concurrency: 1, replyTimeoutMs: 300, checkTimeoutMs: 60_000, seed: 7, runs: 60 });
  return outcome.results[0]!;
}

describe('the session model and a command left unanswered', () => {
  it('grades INFO, not FAIL, and says how many commands went unanswered', async () => {
    const r = await sessionModelVia((proxy.address() as net.AddressInfo).port);
    expect(r.grade, `${r.actual}\n${r.reason}`).toBe('INFO');
    expect(r.actual).toMatch(/[1-9]\d* commands got no reply within --timeout/);
  }, 90_000);

  it('grades PASS against the reference itself, where every command is answered', async () => {
    const r = await sessionModelVia(reference.port);
    expect(r.grade, `${r.actual}\n${r.reason}`).toBe('PASS');
  }, 90_000);
});
