import net from 'node:net';
import type { Check } from '../../../harness/check.js';
import type { CheckResult } from '../../../harness/result.js';
import { runChecks } from '../../../harness/runner.js';

// A tiny scripted SMTP server on 127.0.0.1 for the RFC 5321 check tests: each one answers like a
// conforming server except for the one behaviour a test breaks, so that a check can be shown to
// FAIL on the broken variant and PASS on the conforming one, independent of the reference server.

/** What a handler returns for a command line: reply text (CRLF between lines), null for silence. */
export type Answer = string | null | { reply: string; close: true } | 'CLOSE';

export interface FakeOptions {
  greeting?: string;
  /** Answer for a command line; undefined falls back to the conforming answer. */
  answer?: (line: string) => Answer | undefined;
  /** Split command lines at a bare LF too (a §2.3.8 violation). */
  bareLf?: boolean;
  /** Whether a data line ends the data; the conforming rule is `line === '.'`. */
  endsData?: (line: string) => boolean;
  /** Reply (or replies) to the end of data. */
  dataReply?: string | string[];
  /** Leave the connection open after the 221 to QUIT. */
  quitKeepsOpen?: boolean;
}

const EHLO = ['250-fake.test greets you', '250-PIPELINING', '250-8BITMIME', '250-SIZE 1000000', '250 HELP'].join('\r\n');

/** A conforming answer for the commands the checks use. */
export function conforming(line: string, state: { mail: boolean; rcpt: boolean }): Answer {
  const [verb = '', ...rest] = line.split(' ');
  const arg = rest.join(' ');
  switch (verb.toUpperCase()) {
    case 'EHLO':
      state.mail = state.rcpt = false;
      return arg ? EHLO : '501 5.5.4 Syntax: EHLO hostname';
    case 'HELO':
      state.mail = state.rcpt = false;
      return '250 fake.test';
    case 'MAIL':
      if (state.mail) return '503 5.5.1 nested MAIL';
      if (!/^from:<[^>]*>$/i.test(arg)) return '555 5.5.4 unsupported parameter';
      state.mail = true;
      return '250 2.1.0 ok';
    case 'RCPT':
      if (!state.mail) return '503 5.5.1 need MAIL';
      state.rcpt = true;
      return '250 2.1.5 ok';
    case 'DATA':
      return state.rcpt ? '354 go ahead' : '503 5.5.1 need RCPT';
    case 'RSET':
      state.mail = state.rcpt = false;
      return '250 2.0.0 ok';
    case 'NOOP':
      return '250 2.0.0 ok';
    case 'VRFY':
      return '252 2.5.2 cannot verify';
    case 'HELP':
      return '214-2.0.0 commands\r\n214 2.0.0 end';
    case 'QUIT':
      return { reply: '221 2.0.0 bye', close: true };
    default:
      return '500 5.5.2 command not recognized';
  }
}

export async function withFakeServer<T>(opts: FakeOptions, body: (port: number) => Promise<T>): Promise<T> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const state = { mail: false, rcpt: false };
    let inData = false;
    let buffer = '';
    socket.write((opts.greeting ?? '220 fake.test ESMTP') + '\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        const m = (opts.bareLf && !inData ? /\r?\n/ : /\r\n/).exec(buffer);
        if (!m) break;
        const line = buffer.slice(0, m.index);
        buffer = buffer.slice(m.index + m[0].length);
        if (inData) {
          if ((opts.endsData ?? ((l) => l === '.'))(line)) {
            inData = false;
            state.mail = state.rcpt = false;
            const replies = opts.dataReply ?? '250 2.0.0 queued';
            for (const r of Array.isArray(replies) ? replies : [replies]) socket.write(r + '\r\n');
          }
          continue;
        }
        const answer = opts.answer?.(line) ?? conforming(line, state);
        if (answer === 'CLOSE') return void socket.destroy();
        if (answer === null) continue;
        const text = typeof answer === 'string' ? answer : answer.reply;
        socket.write(text + '\r\n');
        if (text.startsWith('354')) inData = true;
        if (typeof answer !== 'string' && !opts.quitKeepsOpen) return void socket.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await body((server.address() as net.AddressInfo).port);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Runs one check against a fake server and returns its result. */
export async function runOnFake(check: Check, opts: FakeOptions = {}): Promise<CheckResult> {
  return withFakeServer(opts, async (port) => {
    const outcome = await runChecks([check], {
      endpoint: { name: 'fake', url: `smtp://127.0.0.1:${port}`, host: '127.0.0.1', port, implicitTls: false },
      starttls: false,
      verifyCertificates: false,
      credentials: undefined,
      heloName: 'client.test',
      sender: 'sender@client.test',
      rcpt: 'user@fake.test',
      concurrency: 1,
      replyTimeoutMs: 1_000,
      checkTimeoutMs: 10_000,
      strict: false,
      seed: 42,
    });
    return outcome.results[0]!;
  });
}
