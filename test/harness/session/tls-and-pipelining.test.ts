import net from 'node:net';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { referenceSecureContext } from '../../../fixtures/reference/tls.js';
import { startReferenceServer, type ReferenceServer } from '../../../fixtures/reference/server.js';
import { HarnessMisuse, Session } from '../../../harness/session/session.js';

let reference: ReferenceServer | undefined;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await reference?.close();
  reference = undefined;
  for (const c of closers.splice(0)) await c();
});

async function openReference(): Promise<Session> {
  reference = await startReferenceServer();
  return Session.open({ host: reference.host, port: reference.port, replyTimeoutMs: 3_000 });
}

describe('Session: STARTTLS, implicit TLS, AUTH and pipelining', () => {
  it('upgrades with STARTTLS, marks TLS traffic ~> <~ and forgets the pre-TLS EHLO keywords', async () => {
    const s = await openReference();
    await s.ehlo('client.test');
    expect(s.has('STARTTLS')).toBe(true);
    expect(await s.startTls()).toMatchObject({ kind: 'reply', code: 220 });
    expect(s.tlsActive).toBe(true);
    expect(s.ehloKeywords).toBeUndefined();
    expect(await s.ehlo('client.test')).toMatchObject({ kind: 'reply', code: 250 });
    expect(s.has('STARTTLS')).toBe(false);
    const text = s.transcript.render();
    expect(text).toMatch(/\*\* TLS handshake done \(TLSv1\.[23]/);
    expect(text).toContain('~> EHLO client.test\\r\\n');
    expect(text).toContain('<~ 250');
    s.close();
  });

  it('with certificate checks on, a self-signed certificate fails the handshake as a graded close', async () => {
    reference = await startReferenceServer();
    const s = await Session.open({ host: reference.host, port: reference.port, replyTimeoutMs: 3_000, verifyCertificates: true });
    await s.ehlo('client.test');
    const outcome = await s.startTls();
    expect(outcome).toMatchObject({ kind: 'closed', error: expect.stringContaining('TLS handshake failed') });
    expect(s.tlsActive).toBe(false);
  });

  it('authenticates with PLAIN and LOGIN and never shows the credentials', async () => {
    const s = await openReference();
    const creds = reference!.auth;
    await s.ehlo('client.test');
    expect(await s.auth('LOGIN', creds)).toMatchObject({ kind: 'reply', code: 235 });
    const t = await Session.open({ host: reference!.host, port: reference!.port, replyTimeoutMs: 3_000 });
    await t.ehlo('client.test');
    expect(await t.auth('PLAIN', creds, { initialResponse: false })).toMatchObject({ kind: 'reply', code: 235 });
    for (const text of [s.transcript.render(), t.transcript.render()]) {
      expect(text).not.toContain(creds.pass);
      expect(text).not.toContain(Buffer.from(creds.pass).toString('base64'));
      expect(text).toContain('[redacted]');
    }
    s.close();
    t.close();
  });

  it('pipelines a group in one write and reads the replies in order, only when PIPELINING is advertised', async () => {
    const s = await openReference();
    await expect(s.pipeline(['NOOP'])).rejects.toBeInstanceOf(HarnessMisuse);
    await s.ehlo('client.test');
    const replies = await s.pipeline(['MAIL FROM:<a@client.test>', `RCPT TO:<${reference!.mailbox}>`, 'RCPT TO:<nobody@reference.test>', 'RSET']);
    expect(replies.map((r) => (r.kind === 'reply' ? r.code : r.kind))).toEqual([250, 250, 550, 250]);
    // One write: the four commands appear as consecutive sent lines before any reply.
    const sent = s.transcript.list().map((e) => e.mark).join('');
    expect(sent).toContain('->->->->');
    s.close();
  });

  it('speaks implicit TLS (smtps) from the first octet', async () => {
    const context = await referenceSecureContext();
    const server = net.createServer((plain) => {
      const socket = new tls.TLSSocket(plain, { isServer: true, secureContext: context });
      socket.on('secure', () => socket.write('220 tls.test ESMTP\r\n'));
      socket.on('data', () => socket.write('250 ok\r\n'));
      socket.on('error', () => socket.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const port = (server.address() as net.AddressInfo).port;
    const s = await Session.open({ host: '127.0.0.1', port, implicitTls: true, replyTimeoutMs: 3_000 });
    expect(s.greeting).toMatchObject({ kind: 'reply', code: 220 });
    expect(s.tlsActive).toBe(true);
    expect(await s.send('NOOP')).toMatchObject({ kind: 'reply', code: 250 });
    expect(s.transcript.render()).toContain('<~ 220 tls.test ESMTP');
    s.close();
  });
});
