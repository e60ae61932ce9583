import { afterEach, describe, expect, it } from 'vitest';
import { startHostileServer, type HostileServer } from '../../../fixtures/hostile/servers.js';
import { ConnectFailed, Session } from '../../../harness/session/session.js';

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function open(kind: Parameters<typeof startHostileServer>[0], replyTimeoutMs = 400): Promise<Session> {
  server = await startHostileServer(kind);
  return Session.open({ host: server.host, port: server.port, replyTimeoutMs });
}

describe('Session against hostile servers: every wait ends, every buffer is bounded', () => {
  it('a server that never greets yields a timeout outcome within the reply timeout', async () => {
    const started = Date.now();
    const s = await open('never-greets');
    expect(s.greeting.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
    s.close();
  });

  it('an endless line yields a violation, and the session drops the connection', async () => {
    const s = await open('endless-line', 5_000);
    const reply = await s.send('EHLO client.test');
    expect(reply.kind).toBe('violation');
    expect(s.isClosed).toBe(true);
    expect(s.transcript.render()).toContain('protocol violation');
  });

  it('a close in the middle of a reply yields a closed outcome with the partial bytes', async () => {
    const s = await open('closes-mid-reply');
    const reply = await s.send('EHLO client.test');
    expect(reply).toMatchObject({ kind: 'closed' });
    expect(reply.kind === 'closed' && reply.partial.toString()).toContain('PIPELI');
  });

  it('garbage instead of a greeting is a violation, not a crash', async () => {
    const s = await open('garbage');
    expect(s.greeting.kind).toBe('violation');
    s.close();
  });

  it('garbage after the greeting is a violation and the transcript escapes the bytes', async () => {
    const s = await open('garbage-after-greeting');
    const reply = await s.send('NOOP');
    expect(reply.kind).toBe('violation');
    expect(s.transcript.render()).toContain('\\xff\\x00A\\x1b[\\r\\n');
    s.close();
  });

  it('a hang-up after the first command is a closed outcome, and later sends do not throw', async () => {
    const s = await open('hangs-up');
    expect(await s.send('EHLO client.test')).toMatchObject({ kind: 'closed' });
    expect(await s.send('NOOP')).toMatchObject({ kind: 'closed' });
  });

  it('an unreachable port is a ConnectFailed, the only error a session throws', async () => {
    server = await startHostileServer('never-greets');
    const port = server.port;
    await server.close();
    server = undefined;
    await expect(Session.open({ host: '127.0.0.1', port, replyTimeoutMs: 500 })).rejects.toBeInstanceOf(ConnectFailed);
  });
});
