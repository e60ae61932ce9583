import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openRetryingBusy } from '../../../harness/session/busy-retry.js';
import { Session } from '../../../harness/session/session.js';

/** Greets the first `busy` connections with 421 and closes them, the later ones with 220. */
async function limitServer(busy: number): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let n = 0;
  const server = net.createServer((socket) => {
    socket.on('error', () => socket.destroy());
    n++;
    if (n <= busy) socket.end('421 Too many concurrent SMTP connections; please try again later.\r\n');
    else socket.write('220 limit.test ESMTP\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { port, connections: () => n, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('a 421 greeting on a new connection (a connection limit) is tried again later', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    // Last in, first out: the session before its server (server.close waits for open sockets).
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it('gets the 220 once the server has room again', async () => {
    const server = await limitServer(2);
    cleanup.push(server.close);
    const s = await openRetryingBusy(() => Session.open({ host: '127.0.0.1', port: server.port, replyTimeoutMs: 2_000 }), [10, 10, 10]);
    cleanup.push(async () => s.close());
    expect(s.greeting).toMatchObject({ kind: 'reply', code: 220 });
    expect(server.connections()).toBe(3);
  });

  it('gives the 421 to the check when the server keeps saying it, after a bounded number of tries', async () => {
    const server = await limitServer(100);
    cleanup.push(server.close);
    const s = await openRetryingBusy(() => Session.open({ host: '127.0.0.1', port: server.port, replyTimeoutMs: 2_000 }), [10, 10, 10]);
    cleanup.push(async () => s.close());
    expect(s.greeting).toMatchObject({ kind: 'reply', code: 421 });
    expect(server.connections()).toBe(4);
  });

  it('does not retry other greetings', async () => {
    const server = await limitServer(0);
    cleanup.push(server.close);
    const s = await openRetryingBusy(() => Session.open({ host: '127.0.0.1', port: server.port, replyTimeoutMs: 2_000 }), [10, 10, 10]);
    cleanup.push(async () => s.close());
    expect(s.greeting).toMatchObject({ kind: 'reply', code: 220 });
    expect(server.connections()).toBe(1);
  });
});
