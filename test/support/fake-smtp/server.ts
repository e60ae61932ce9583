import net from 'node:net';
import { isChallenge, type Step } from './auth.js';
import { ConformingServer } from './conforming.js';
import { takeCommandLine, takeMessageData } from './framing.js';
import type { FakeSmtpOptions } from './options.js';

// The fake SMTP server of the tests: real sockets on 127.0.0.1, one ConformingServer per
// connection, with the scripted answers and deliberate bugs of FakeSmtpOptions laid over it.

export interface FakeSmtpServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startFakeSmtp(o: FakeSmtpOptions = {}): Promise<FakeSmtpServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    serveConnection(socket, o);
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

function serveConnection(socket: net.Socket, o: FakeSmtpOptions): void {
  const conforming = new ConformingServer(o);
  let buffer = '';
  let mode: 'command' | 'data' = 'command';
  let continuation: ((line: string) => Step) | undefined;
  let over = false;

  const write = (text: string) => {
    const plain = o.plainReplies === 'always' || (o.plainReplies === 'after-helo' && conforming.saidHelo);
    socket.write((plain ? text.replace(/^(\d{3}[ -])\d\.\d{1,3}\.\d{1,3} /gm, '$1') : text) + '\r\n');
  };

  const answerLine = (line: string): Step => {
    if (continuation) {
      const next = continuation;
      continuation = undefined;
      return next(line);
    }
    const scripted = o.answer?.(line);
    if (scripted !== undefined) return scripted;
    if (o.maxCommandLine !== undefined && line.length + 2 > o.maxCommandLine) return '500 5.5.2 Error: command line too long';
    return conforming.command(line);
  };

  /** Carries out a step; false once the connection is over. */
  const perform = (step: Step): boolean => {
    if (step === 'CLOSE') {
      socket.destroy();
      return false;
    }
    if (step === null) return true;
    const text = typeof step === 'string' ? step : step.reply;
    write(text);
    if (isChallenge(step)) continuation = step.continueWith;
    else if (typeof step === 'object' && !o.quitKeepsOpen) {
      socket.end();
      return false;
    }
    // Whoever says 354 (the conforming server or a scripted answer) gets the message data next.
    if (text.startsWith('354') && !o.linesOnly) mode = 'data';
    return true;
  };

  const pump = () => {
    while (!over) {
      if (mode === 'data') {
        // Sendmail's way: at the first bare CR or LF in the data, 421 and hang up.
        if (o.bareInData421 && /\r(?!\n)|(?<!\r)\n/.test(buffer.replace(/\r$/, ''))) {
          write('421 4.5.0 Bare linefeed (LF) not allowed');
          if (o.bareInData421 === 'close') return void socket.end();
          buffer = '';
          mode = 'command';
          continue;
        }
        const data = takeMessageData(buffer, o);
        if (!data) return;
        buffer = data.rest;
        mode = 'command';
        const replies = conforming.endOfData(data.content);
        for (const r of Array.isArray(replies) ? replies : [replies]) write(r);
        continue;
      }
      const next = takeCommandLine(buffer, o.bareLf ?? false);
      if (!next) return;
      buffer = next.rest;
      over = !perform(answerLine(next.line));
    }
  };

  socket.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('latin1');
    pump();
  });
  const greeting = o.greeting === undefined ? '220 fake.test ESMTP fake' : o.greeting;
  if (greeting !== null) write(greeting);
}
