import net from 'node:net';
import type { Check } from '../../../harness/check.js';
import type { CheckResult } from '../../../harness/result.js';
import { runChecks } from '../../../harness/runner.js';

// A tiny scripted SMTP server for the suite tests of rfc1869, rfc6152, rfc6531, rfc4954, rfc2034,
// rfc3463 and smuggling: correct by default, with one switch per deliberate bug. Real sockets on 127.0.0.1.

export interface FakeOptions {
  /** EHLO keyword lines. */
  keywords?: readonly string[];
  /** Bug: CR, LF and CRLF all count as line ends inside the data. */
  anyNewlineEndsData?: boolean;
  /** Bug: a bare CR or LF in the data is accepted (a correct server here refuses with 550). */
  acceptBareInData?: boolean;
  /** Bug: any BODY value is accepted. */
  ignoreBody?: boolean;
  /** Bug: non-ASCII addresses are accepted without SMTPUTF8. */
  utf8WithoutParameter?: boolean;
  /** Code for a "*" cancellation (501 is right). */
  cancelCode?: number;
  /** LOGIN challenges as sent after "334 " (base64 is right). */
  loginPrompts?: readonly [string, string];
  /** Bug: enhanced status codes left out of every reply ('always') or after HELO ('after-helo'). */
  plainReplies?: 'always' | 'after-helo';
  /** Policy: MAIL needs authentication (530 to MAIL, right) or RCPT is refused instead (554 5.7.1). */
  requireAuth?: 'mail' | 'rcpt';
  /** Bug: the empty initial response "=" is refused as invalid base64. */
  emptyResponseIsBadBase64?: boolean;
  /** VRFY not implemented (500). */
  noVrfy?: boolean;
  /** Bug (if below 512 + the parameters' lengths): command lines longer than this get 500. */
  maxCommandLine?: number;
}

export const FAKE_USER = 'fakeuser';
export const FAKE_PASS = 'fake-secret-pw';
const B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DEFAULT_KEYWORDS = ['PIPELINING', '8BITMIME', 'SMTPUTF8', 'ENHANCEDSTATUSCODES', 'AUTH PLAIN LOGIN', 'SIZE 1000000'];

function validUtf8(latin1: string): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(latin1, 'latin1'));
    return true;
  } catch {
    return false;
  }
}

function handleConnection(sock: net.Socket, o: FakeOptions): void {
  let buf = '';
  let mode: 'cmd' | 'data' | 'auth' = 'cmd';
  let ehlo = false;
  let helo = false;
  let authed = false;
  let mail: { utf8: boolean } | undefined;
  let rcpts = 0;
  let authStep: ((line: string) => void) | undefined;
  const plain = o.plainReplies;
  const reply = (text: string) =>
    sock.write((plain === 'always' || (plain === 'after-helo' && helo) ? text.replace(/^(\d{3}[ -])\d\.\d{1,3}\.\d{1,3} /gm, '$1') : text) + '\r\n');
  const checkCreds = (user: string, pass: string) => {
    if (user === FAKE_USER && pass === FAKE_PASS) {
      authed = true;
      reply('235 2.7.0 Authentication successful');
    } else reply('535 5.7.8 Authentication credentials invalid');
  };
  const response = (line: string, next: (decoded: string) => void) => {
    if (line === '*') reply(`${o.cancelCode ?? 501} 5.7.0 Authentication cancelled`);
    else if (line === '=' && !o.emptyResponseIsBadBase64) next('');
    else if (!B64.test(line)) reply('501 5.5.2 Invalid base64 data');
    else next(Buffer.from(line, 'base64').toString('utf8'));
  };
  const plainMech = (decoded: string) => {
    const [, user = '', pass = ''] = decoded.split('\0');
    checkCreds(user, pass);
  };
  const address = (arg: string, verb: string) => new RegExp(`^${verb}:<([^>]*)>(.*)$`, 'i').exec(arg);

  const command = (line: string) => {
    const [verb = '', ...rest] = line.split(' ');
    const arg = rest.join(' ');
    switch (verb.toUpperCase()) {
      case 'EHLO':
        if (arg === '') return reply('501 5.5.4 Syntax: EHLO hostname');
        ehlo = true;
        mail = undefined;
        rcpts = 0;
        return reply(['fake.test', ...(o.keywords ?? DEFAULT_KEYWORDS)].map((l, i, all) => `250${i === all.length - 1 ? ' ' : '-'}${l}`).join('\r\n'));
      case 'HELO':
        helo = true;
        return reply('250 fake.test');
      case 'VRFY':
        if (o.noVrfy) return reply('500 5.5.2 command not recognized');
        return reply('252 2.0.0 Cannot VRFY user, but will accept message');
      case 'HELP':
        return reply('214-2.0.0 Commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP AUTH\r\n214 2.0.0 End of HELP');
      case 'NOOP':
        return reply('250 2.0.0 OK');
      case 'RSET':
        mail = undefined;
        rcpts = 0;
        return reply('250 2.0.0 OK');
      case 'QUIT':
        reply('221 2.0.0 Bye');
        return sock.end();
      case 'MAIL': {
        if (mail) return reply('503 5.5.1 nested MAIL');
        if (o.requireAuth === 'mail' && !authed) return reply('530 5.7.0 Authentication required');
        const m = address(line.slice(5), 'FROM');
        if (!m) return reply('501 5.5.4 Syntax: MAIL FROM:<address>');
        const params = (m[2] ?? '').trim().split(' ').filter(Boolean);
        let utf8 = false;
        let bodies = 0;
        for (const p of params) {
          const [k = '', v] = p.split('=');
          const key = k.toUpperCase();
          if (key === 'SMTPUTF8') {
            if (v !== undefined) return reply('501 5.5.4 SMTPUTF8 takes no value');
            utf8 = true;
          } else if (key === 'BODY') {
            bodies++;
            if (!o.ignoreBody && (bodies > 1 || !/^(7BIT|8BITMIME)$/i.test(v ?? ''))) return reply('501 5.5.4 Bad BODY parameter');
          } else if (key === 'SIZE') {
            if (!/^\d{1,20}$/.test(p.slice(5))) return reply('501 5.5.4 Bad SIZE parameter');
          } else if (key === 'AUTH') {
            if (!/^(?:[\x21-\x2a\x2c-\x3c\x3e-\x7e]|\+[0-9A-F]{2})+$/.test(p.slice(5))) return reply('501 5.5.4 Bad AUTH parameter');
          } else return reply(`555 5.5.4 Unsupported option: ${p}`);
        }
        if (/[\x80-\xff]/.test(m[1] ?? '') && !utf8 && !o.utf8WithoutParameter) return reply('550 5.6.7 Must declare SMTPUTF8 to send unicode address');
        mail = { utf8 };
        return reply('250 2.1.0 OK');
      }
      case 'RCPT': {
        if (!mail) return reply('503 5.5.1 need MAIL');
        if (o.requireAuth === 'rcpt' && !authed) return reply('554 5.7.1 Authentication required');
        const m = address(line.slice(5), 'TO');
        if (!m) return reply('501 5.5.4 Syntax: RCPT TO:<address>');
        if ((m[2] ?? '').trim() !== '') return reply(`555 5.5.4 Unsupported option: ${(m[2] ?? '').trim()}`);
        const addr = m[1] ?? '';
        if (/[\x80-\xff]/.test(addr)) {
          if (!mail.utf8 && !o.utf8WithoutParameter) return reply('553 5.6.7 Must declare SMTPUTF8 to send unicode address');
          if (!validUtf8(addr)) return reply('553 5.1.3 Bad UTF-8 in address');
        }
        if (!addr.toLowerCase().endsWith('@fake.test')) return reply('550 5.7.1 Relay denied');
        rcpts++;
        return reply('250 2.1.5 OK');
      }
      case 'DATA':
        if (rcpts === 0) return reply('503 5.5.1 need RCPT');
        mode = 'data';
        return reply('354 End data with <CR><LF>.<CR><LF>');
      case 'AUTH': {
        if (!ehlo || authed || mail) return reply('503 5.5.1 AUTH not allowed now');
        const [mech = '', initial] = arg.split(' ');
        if (mech.toUpperCase() === 'PLAIN') {
          if (initial !== undefined) return response(initial, plainMech);
          mode = 'auth';
          authStep = (l) => response(l, plainMech);
          return reply('334 ');
        }
        if (mech.toUpperCase() === 'LOGIN') {
          const [userPrompt, passPrompt] = o.loginPrompts ?? ['VXNlcm5hbWU6', 'UGFzc3dvcmQ6'];
          mode = 'auth';
          authStep = (l) =>
            response(l, (user) => {
              mode = 'auth';
              authStep = (l2) => response(l2, (pass) => checkCreds(user, pass));
              reply(`334 ${passPrompt}`);
            });
          return reply(`334 ${userPrompt}`);
        }
        return reply('504 5.5.4 Unrecognized authentication type');
      }
      default:
        return reply('500 5.5.2 command not recognized');
    }
  };

  /** Where the end-of-data sequence starts and ends in `buf`; the data starts after a CRLF (the 354). */
  const endOfData = (): { content: string; rest: number } | undefined => {
    const text = '\r\n' + buf;
    const m = o.anyNewlineEndsData ? /(\r\n|\r|\n)\.(\r\n|\r|\n)/.exec(text) : /\r\n\.\r\n/.exec(text);
    return m ? { content: text.slice(2, Math.max(2, m.index)), rest: m.index + m[0].length - 2 } : undefined;
  };

  const pump = () => {
    for (;;) {
      if (mode === 'data') {
        const end = endOfData();
        if (!end) return;
        const content = end.content;
        buf = buf.slice(end.rest);
        mode = 'cmd';
        mail = undefined;
        rcpts = 0;
        const bare = /\r(?!\n)|(?<!\r)\n/.test(content);
        reply(bare && !o.acceptBareInData ? '550 5.5.2 bare CR or LF in message' : '250 2.0.0 queued');
        continue;
      }
      const i = buf.indexOf('\r\n');
      if (i < 0) return;
      const line = buf.slice(0, i);
      buf = buf.slice(i + 2);
      if (mode === 'auth') {
        mode = 'cmd';
        const step = authStep;
        authStep = undefined;
        step?.(line);
      } else if (o.maxCommandLine !== undefined && line.length + 2 > o.maxCommandLine) reply('500 5.5.2 Error: command line too long');
      else command(line);
    }
  };

  sock.on('data', (chunk: Buffer) => {
    buf += chunk.toString('latin1');
    pump();
  });
  sock.on('error', () => undefined);
  reply('220 fake.test ESMTP fake');
}

export interface FakeServer {
  port: number;
  close(): Promise<void>;
}

export async function startFake(o: FakeOptions = {}): Promise<FakeServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    handleConnection(sock, o);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Runs checks against a fake server with the given bugs and returns id → grade. */
export async function gradesAgainstFake(checks: readonly Check[], o: FakeOptions = {}): Promise<Record<string, string>> {
  const results = await resultsAgainstFake(checks, o);
  return Object.fromEntries(results.map((r) => [r.id, r.grade]));
}

export async function resultsAgainstFake(checks: readonly Check[], o: FakeOptions = {}): Promise<CheckResult[]> {
  const server = await startFake(o);
  try {
    const outcome = await runChecks(checks, {
      endpoint: { name: 'fake', url: `smtp://127.0.0.1:${server.port}`, host: '127.0.0.1', port: server.port, implicitTls: false },
      starttls: false,
      verifyCertificates: false,
      credentials: { user: FAKE_USER, pass: FAKE_PASS },
      heloName: 'client.test',
      sender: 'sender@client.test',
      rcpt: 'user@fake.test',
      concurrency: 8,
      replyTimeoutMs: 1_500,
      checkTimeoutMs: 15_000,
      strict: false,
      seed: 1,
    });
    return outcome.results;
  } finally {
    await server.close();
  }
}
