import type { Check } from '../../harness/check.js';
import { runChecks } from '../../harness/runner.js';
import net from 'node:net';

export interface ScriptedServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * A line-based fake SMTP server for tests: greets with `greeting` (unless null) and answers each
 * CRLF-terminated line with what `answer` returns (a string without the final CRLF, or null for
 * no answer, or 'CLOSE' to hang up).
 */
export async function startScriptedServer(answer: (line: string) => string | null, greeting: string | null = '220 scripted.test ESMTP'): Promise<ScriptedServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    if (greeting !== null) socket.write(greeting + '\r\n');
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      for (let i = buffer.indexOf('\r\n'); i !== -1; i = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const reply = answer(line);
        if (reply === 'CLOSE') return void socket.destroy();
        if (reply !== null) socket.write(reply + '\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answers like a minimal conforming server for the commands the runner's probe uses. */
export function basicAnswer(line: string): string | null {
  const verb = line.split(' ')[0]!.toUpperCase();
  if (verb === 'EHLO') return '250-scripted.test\r\n250 PIPELINING';
  if (verb === 'QUIT') return '221 bye';
  return '250 ok';
}

/** Runs checks against a scripted server answering with `answer`, and returns id → grade. */
export async function gradesAgainstScripted(checks: readonly Check[], answer: (line: string) => string | null): Promise<Record<string, string>> {
  const server = await startScriptedServer(answer);
  try {
    const outcome = await runChecks(checks, {
      endpoint: { name: 'scripted', url: `smtp://127.0.0.1:${server.port}`, host: '127.0.0.1', port: server.port, implicitTls: false },
      starttls: false,
      verifyCertificates: false,
      credentials: undefined,
      heloName: 'client.test',
      sender: 'sender@client.test',
      rcpt: 'user@scripted.test',
      concurrency: 4,
      replyTimeoutMs: 1_000,
      checkTimeoutMs: 10_000,
      strict: false,
      seed: 1,
    });
    return Object.fromEntries(outcome.results.map((r) => [r.id, r.grade]));
  } finally {
    await server.close();
  }
}
