import { authExchange, type Step } from './auth.js';
import type { FakeSmtpOptions } from './options.js';

// The fake server's own answers: a conforming ESMTP server for the commands the checks use, with
// the envelope state of one connection. Options switch single behaviours to a deliberate bug.

const DEFAULT_KEYWORDS = ['PIPELINING', '8BITMIME', 'SMTPUTF8', 'ENHANCEDSTATUSCODES', 'AUTH PLAIN LOGIN', 'SIZE 1000000'];

function validUtf8(latin1: string): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(latin1, 'latin1'));
    return true;
  } catch {
    return false;
  }
}

const address = (arg: string, verb: string) => new RegExp(`^${verb}:<([^>]*)>(.*)$`, 'i').exec(arg);

export class ConformingServer {
  /** Whether HELO (not EHLO) was accepted: `plainReplies: 'after-helo'` drops enhanced codes from then on. */
  saidHelo = false;
  private saidEhlo = false;
  private authed = false;
  private mail: { utf8: boolean } | undefined;
  private rcpts = 0;

  constructor(private readonly o: FakeSmtpOptions) {}

  command(line: string): Step {
    const o = this.o;
    const [verb = '', ...rest] = line.split(' ');
    const arg = rest.join(' ');
    switch (verb.toUpperCase()) {
      case 'EHLO':
        if (arg === '') return '501 5.5.4 Syntax: EHLO hostname';
        this.saidEhlo = true;
        this.resetTransaction();
        return ['fake.test', ...(o.keywords ?? DEFAULT_KEYWORDS)].map((l, i, all) => `250${i === all.length - 1 ? ' ' : '-'}${l}`).join('\r\n');
      case 'HELO':
        this.saidHelo = true;
        this.resetTransaction();
        return '250 fake.test';
      case 'VRFY':
        if (o.noVrfy) return '500 5.5.2 command not recognized';
        return '252 2.0.0 Cannot VRFY user, but will accept message';
      case 'HELP':
        return '214-2.0.0 Commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP AUTH\r\n214 2.0.0 End of HELP';
      case 'NOOP':
        return '250 2.0.0 OK';
      case 'RSET':
        this.resetTransaction();
        return '250 2.0.0 OK';
      case 'QUIT':
        return { reply: '221 2.0.0 Bye', close: true };
      case 'MAIL':
        return this.mailFrom(line, arg);
      case 'RCPT':
        return this.rcptTo(line);
      case 'DATA':
        return this.rcpts === 0 ? '503 5.5.1 need RCPT' : '354 End data with <CR><LF>.<CR><LF>';
      case 'AUTH':
        if (o.noAuth) return '500 5.5.2 command not recognized';
        if (!this.saidEhlo || this.authed || this.mail) return '503 5.5.1 AUTH not allowed now';
        return authExchange(arg, o, () => (this.authed = true));
      default:
        return '500 5.5.2 command not recognized';
    }
  }

  /** The reply (or replies) to the end of the message data `content`; the transaction is over. */
  endOfData(content: string): string | string[] {
    this.resetTransaction();
    if (this.o.dataReply !== undefined) return this.o.dataReply;
    const bare = /\r(?!\n)|(?<!\r)\n/.test(content);
    return bare && !this.o.acceptBareInData ? '550 5.5.2 bare CR or LF in message' : '250 2.0.0 queued';
  }

  private resetTransaction(): void {
    this.mail = undefined;
    this.rcpts = 0;
  }

  private mailFrom(line: string, arg: string): Step {
    const o = this.o;
    if (this.mail) return '503 5.5.1 nested MAIL';
    if (o.requireAuth === 'mail' && !this.authed) return '530 5.7.0 Authentication required';
    if (o.noMailParameters) {
      if (!/^from:<[^>]*>$/i.test(arg)) return '555 5.5.4 unsupported parameter';
      this.mail = { utf8: false };
      return '250 2.1.0 OK';
    }
    const m = address(line.slice(5), 'FROM');
    if (!m) return '501 5.5.4 Syntax: MAIL FROM:<address>';
    const params = (m[2] ?? '').trim().split(' ').filter(Boolean);
    let utf8 = false;
    let bodies = 0;
    for (const p of params) {
      const [k = '', v] = p.split('=');
      const key = k.toUpperCase();
      if (key === 'SMTPUTF8') {
        if (v !== undefined) return '501 5.5.4 SMTPUTF8 takes no value';
        utf8 = true;
      } else if (key === 'BODY') {
        bodies++;
        if (!o.ignoreBody && (bodies > 1 || !/^(7BIT|8BITMIME)$/i.test(v ?? ''))) return '501 5.5.4 Bad BODY parameter';
      } else if (key === 'SIZE') {
        if (!/^\d{1,20}$/.test(p.slice(5))) return '501 5.5.4 Bad SIZE parameter';
      } else if (key === 'AUTH') {
        if (!/^(?:[\x21-\x2a\x2c-\x3c\x3e-\x7e]|\+[0-9A-F]{2})+$/.test(p.slice(5))) return '501 5.5.4 Bad AUTH parameter';
      } else return `555 5.5.4 Unsupported option: ${p}`;
    }
    if (/[\x80-\xff]/.test(m[1] ?? '') && !utf8 && !o.utf8WithoutParameter) return '550 5.6.7 Must declare SMTPUTF8 to send unicode address';
    this.mail = { utf8 };
    return '250 2.1.0 OK';
  }

  private rcptTo(line: string): Step {
    const o = this.o;
    if (!this.mail) return '503 5.5.1 need MAIL';
    if (o.requireAuth === 'rcpt' && !this.authed) return '554 5.7.1 Authentication required';
    if (o.anyRecipient) {
      this.rcpts++;
      return '250 2.1.5 OK';
    }
    const m = address(line.slice(5), 'TO');
    if (!m) return '501 5.5.4 Syntax: RCPT TO:<address>';
    if ((m[2] ?? '').trim() !== '') return `555 5.5.4 Unsupported option: ${(m[2] ?? '').trim()}`;
    const addr = m[1] ?? '';
    if (/[\x80-\xff]/.test(addr)) {
      if (!this.mail.utf8 && !o.utf8WithoutParameter) return '553 5.6.7 Must declare SMTPUTF8 to send unicode address';
      if (!validUtf8(addr)) return '553 5.1.3 Bad UTF-8 in address';
    }
    if (!addr.toLowerCase().endsWith('@fake.test')) return '550 5.7.1 Relay denied';
    this.rcpts++;
    return '250 2.1.5 OK';
  }
}
