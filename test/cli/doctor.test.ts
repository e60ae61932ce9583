import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startReferenceServer } from '../../fixtures/reference/server.js';
import { PROFILE_NAMES } from '../../harness/sink/profiles.js';
import { parseDoctorOptions } from '../../cli/doctor.js';
import { runCli } from '../support/cli.js';

// `smtpspec doctor`: routed profiles, a target that relays nothing, one routed to the wrong
// listener (sink.test's parent route catching a subdomain the target was not told about).

/** A base port with PROFILE_NAMES.length free ports after it (for --sink-ports). */
async function freeBase(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 40_000);
    const servers = [];
    let ok = true;
    for (let i = 0; i < PROFILE_NAMES.length && ok; i++) {
      const server = createServer();
      ok = await new Promise<boolean>((resolve) => {
        server.once('error', () => resolve(false));
        server.listen(base + i, '127.0.0.1', () => resolve(true));
      });
      if (ok) servers.push(server);
    }
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    if (ok) return base;
  }
  throw new Error('no free port range');
}

describe('smtpspec doctor', () => {
  it('against the reference: every profile routed, exit 0', async () => {
    const r = await runCli(['doctor', '--target', 'reference', '--sink-wait', '5000']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const p of PROFILE_NAMES) expect(r.stdout).toMatch(new RegExp(`✔ ${p} .*routed OK`));
    expect(r.stdout).toMatch(/bounce: the target's notification for the refused probe reached the bounce catcher/);
    expect(r.stdout).toContain(`${PROFILE_NAMES.length}/${PROFILE_NAMES.length} profiles routed`);
  });

  it('against a server that relays nothing: every profile refused, with the transport map, exit 1', async () => {
    const server = await startReferenceServer({});
    try {
      const r = await runCli(['doctor', '--target', `smtp://127.0.0.1:${server.port}`, '--sink-wait', '1000']);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/× full +sink\.test +refused by the target at RCPT TO:<doctor-[0-9a-f]+-full@sink\.test>: 550/);
      expect(r.stdout).toMatch(/× chunking +chunking\.sink\.test .*the target needs: chunking\.sink\.test smtp:\[127\.0\.0\.1\]:\d+/);
      expect(r.stdout).toContain(`0/${PROFILE_NAMES.length} profiles routed`);
      expect(r.stdout).toContain('Postfix transport_maps');
    } finally {
      await server.close();
    }
  });

  it('names a profile whose mail arrives at another listener, and one that never arrives', async () => {
    const base = await freeBase();
    const port = (p: string) => base + PROFILE_NAMES.indexOf(p as (typeof PROFILE_NAMES)[number]);
    // chunking.sink.test falls back to sink.test (full); nodsn.sink.test goes where nothing listens.
    const routes = Object.fromEntries(
      [['sink.test', 'full'], ['7bit.sink.test', 'sevenBit'], ['noutf8.sink.test', 'noUtf8'], ['refuse.sink.test', 'refuse'], ['bounce.test', 'bounce']].map(([d, p]) => [d, port(p!)]),
    );
    const server = await startReferenceServer({ relayRoutes: { ...routes, 'nodsn.sink.test': 9 } });
    try {
      const r = await runCli(['doctor', '--target', `smtp://127.0.0.1:${server.port}`, '--sink-ports', String(base), '--sink-wait', '1500']);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/✔ full .*routed OK/);
      expect(r.stdout).toMatch(new RegExp(`× chunking +chunking\\.sink\\.test +arrived at the wrong profile: full \\(127\\.0\\.0\\.1:${base}\\)`));
      expect(r.stdout).toMatch(new RegExp(`× noDsn +nodsn\\.sink\\.test +not arrived within 1500 ms; the target needs: nodsn\\.sink\\.test smtp:\\[127\\.0\\.0\\.1\\]:${port('noDsn')}`));
      expect(r.stdout).toContain(`5/${PROFILE_NAMES.length} profiles routed`);
    } finally {
      await server.close();
    }
  });

  it('exits 3 when the target is unreachable and 2 on bad usage', async () => {
    const base = await freeBase();
    const unreachable = await runCli(['doctor', '--target', `smtp://127.0.0.1:${base}`, '--sink-wait', '500']);
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toMatch(/target unreachable/);
    for (const args of [['doctor'], ['doctor', '--target', 'reference', '--sink-wait', 'soon'], ['doctor', '--target', 'smtp://127.0.0.1:1', '--mutant', 'no-received']]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('parses its number flags like run does, with its own defaults', () => {
    expect(parseDoctorOptions(['--target', 'reference'])).toMatchObject({ sinkWaitMs: 30_000, timeoutMs: 10_000, heloName: 'client.test' });
    expect(() => parseDoctorOptions(['--target', 'reference', '--sink-wait', 'soon'])).toThrow(/^--sink-wait needs a whole number, not "soon"$/);
    expect(() => parseDoctorOptions(['--target', 'reference', '--timeout', '600001'])).toThrow(/^--timeout must be between 1 and 600000, not 600001$/);
  });
});
