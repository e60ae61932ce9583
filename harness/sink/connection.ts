import type { Socket } from 'node:net';
import { DataCapture } from './data-capture.js';
import { REJECT_ME, SINK_MAX_MESSAGE, type ProfileSpec } from './profiles.js';
import type { TransactionStore } from './store.js';
import type { SinkProfile, SinkRecipient } from './types.js';
import { ChunkReader } from './chunks.js';

// One session at a sink listener. The sink is a recorder, not a judge: it accepts what a relay
// sends (a non-ASCII path without SMTPUTF8, BODY=8BITMIME it did not offer) so that the check can
// see it, and refuses only where its profile says so.

const MAX_LINE = 4096;
const IDLE_MS = 60_000;

interface Transaction {
  mailFrom: string;
  mailParams: string[];
  rcpts: SinkRecipient[];
  refused: string[];
  /** BDAT chunks so far (CHUNKING profile); set by the first BDAT. */
  chunks?: ChunkReader;
}

export class SinkConnection {
  private buffer = Buffer.alloc(0);
  private capture: DataCapture | undefined;
  /** The chunk being read after a BDAT command, and what to do once it is complete. */
  private chunk: { remaining: number; done: () => void; into: ChunkReader | undefined } | undefined;
  private heloName: string | undefined;
  private heloVerb: 'EHLO' | 'HELO' | undefined;
  private tx: Transaction | undefined;
  private closed = false;

  constructor(
    private readonly socket: Socket,
    private readonly profile: SinkProfile,
    private readonly spec: ProfileSpec,
    private readonly store: TransactionStore,
  ) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => (this.closed = true));
    socket.setTimeout(IDLE_MS, () => socket.destroy());
    this.reply(`220 ${spec.domain} ESMTP smtpspec sink (${profile})`);
  }

  destroy(): void {
    this.socket.destroy();
  }

  private reply(text: string): void {
    if (!this.closed && this.socket.writable) this.socket.write(text + '\r\n');
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length > 0 && !this.closed) {
      if (this.chunk) {
        // RFC 3030 §2: a chunk is counted, never scanned.
        const take = Math.min(this.chunk.remaining, this.buffer.length);
        this.chunk.into?.feed(this.buffer.subarray(0, take));
        this.buffer = this.buffer.subarray(take);
        this.chunk.remaining -= take;
        if (this.chunk.remaining > 0) return;
        const { done } = this.chunk;
        this.chunk = undefined;
        done();
        continue;
      }
      if (this.capture) {
        const used = this.capture.feed(this.buffer);
        this.buffer = this.buffer.subarray(used);
        if (!this.capture.done) return;
        this.endOfData(this.capture);
        this.capture = undefined;
        continue;
      }
      const lf = this.buffer.indexOf(0x0a);
      if (lf === -1) {
        if (this.buffer.length > MAX_LINE) {
          this.reply('500 5.5.2 Line too long');
          this.buffer = Buffer.alloc(0);
        }
        return;
      }
      const line = this.buffer.subarray(0, lf).toString('utf8').replace(/\r$/, '');
      this.buffer = this.buffer.subarray(lf + 1);
      this.command(line);
    }
  }

  private command(line: string): void {
    const space = line.indexOf(' ');
    const verb = (space === -1 ? line : line.slice(0, space)).toUpperCase();
    const arg = space === -1 ? '' : line.slice(space + 1).trim();
    switch (verb) {
      case 'EHLO':
        this.hello('EHLO', arg);
        return this.reply([`${this.spec.domain} greets ${arg}`, ...this.spec.keywords].map((l, i, all) => `250${i === all.length - 1 ? ' ' : '-'}${l}`).join('\r\n'));
      case 'HELO':
        this.hello('HELO', arg);
        return this.reply(`250 ${this.spec.domain}`);
      case 'MAIL': {
        if (this.tx) return this.reply('503 5.5.1 Nested MAIL command');
        const parsed = parsePathArg(arg, 'FROM:');
        if (!parsed) return this.reply('501 5.5.4 Syntax: MAIL FROM:<address>');
        this.tx = { mailFrom: parsed.path, mailParams: parsed.params, rcpts: [], refused: [] };
        return this.reply('250 2.1.0 Ok');
      }
      case 'RCPT': {
        if (!this.tx) return this.reply('503 5.5.1 Need MAIL command');
        const parsed = parsePathArg(arg, 'TO:');
        if (!parsed) return this.reply('501 5.5.4 Syntax: RCPT TO:<address>');
        const refuse = this.spec.refuseAll || parsed.path.toLowerCase().startsWith(`${REJECT_ME}@`);
        this.store.noteRcpt({ profile: this.profile, address: parsed.path, accepted: !refuse, at: Date.now() });
        if (refuse) {
          this.tx.refused.push(parsed.path);
          return this.reply('550 5.1.1 Recipient refused by the sink profile');
        }
        this.tx.rcpts.push({ address: parsed.path, params: parsed.params });
        return this.reply('250 2.1.5 Ok');
      }
      case 'DATA':
        if (!this.tx) return this.reply('503 5.5.1 Need MAIL command');
        if (this.tx.rcpts.length === 0) return this.reply('554 5.5.1 No valid recipients');
        if (this.tx.chunks) return this.reply('503 5.5.1 DATA after BDAT');
        this.capture = new DataCapture(SINK_MAX_MESSAGE);
        return this.reply('354 End data with <CR><LF>.<CR><LF>');
      case 'BDAT':
        if (!this.spec.chunking) return this.reply('500 5.5.2 Command not recognized');
        return this.bdat(arg);
      case 'RSET':
        this.tx = undefined;
        return this.reply('250 2.0.0 Ok');
      case 'NOOP':
        return this.reply('250 2.0.0 Ok');
      case 'VRFY':
        return this.reply('252 2.0.0 Will attempt delivery');
      case 'QUIT':
        this.reply('221 2.0.0 Bye');
        this.socket.end();
        return;
      default:
        return this.reply('500 5.5.2 Command not recognized');
    }
  }

  /** RFC 3030 §2: the chunk is read in full whatever the reply will be, then answered. */
  private bdat(arg: string): void {
    const m = /^(\d{1,15})( +LAST)?$/i.exec(arg);
    if (!m) return this.reply('501 5.5.4 Syntax: BDAT chunk-size [LAST]');
    const size = Number(m[1]);
    const last = m[2] !== undefined;
    const tx = this.tx;
    const into = tx && tx.rcpts.length > 0 ? (tx.chunks ??= new ChunkReader(SINK_MAX_MESSAGE)) : undefined;
    into?.startChunk(size);
    this.chunk = {
      remaining: size,
      into,
      done: () => {
        if (!tx) return this.reply('503 5.5.1 Need MAIL command');
        if (!into) {
          this.tx = undefined;
          return this.reply('554 5.5.1 No valid recipients');
        }
        if (!last) return this.reply(`250 2.0.0 ${size} octets received`);
        this.tx = undefined;
        const { content, sizes, tooBig } = into.result();
        const seq = this.store.nextSeq();
        this.record(tx, seq, { raw: content, content, tooBig, chunks: sizes });
        this.reply(tooBig ? '552 5.3.4 Message too big for the sink' : `250 2.0.0 Ok: sink ${seq}`);
      },
    };    if (size === 0) {
      const { done } = this.chunk;
      this.chunk = undefined;
      done();
    }
  }

  private hello(verb: 'EHLO' | 'HELO', arg: string): void {
    this.heloVerb = verb;
    this.heloName = arg;
    this.tx = undefined;
  }

  private endOfData(capture: DataCapture): void {
    const tx = this.tx!;
    this.tx = undefined;
    const seq = this.store.nextSeq();
    const { tooBig } = capture.result();
    this.record(tx, seq, capture.result());
    this.reply(tooBig ? '552 5.3.4 Message too big for the sink' : `250 2.0.0 Ok: sink ${seq}`);
  }

  private record(tx: Transaction, seq: number, got: { raw: Buffer; content: Buffer; tooBig: boolean; chunks?: readonly number[] }): void {
    const { raw, content, tooBig } = got;
    const reply = tooBig ? 552 : 250;
    this.store.add({
      seq,
      profile: this.profile,
      at: Date.now(),
      heloName: this.heloName,
      heloVerb: this.heloVerb,
      mailFrom: tx.mailFrom,
      mailParams: tx.mailParams,
      rcpts: tx.rcpts,
      refusedRcpts: tx.refused,
      raw,
      content,
      reply,
      ...(got.chunks ? { chunks: got.chunks } : {}),
    });
  }
}

/** `FROM:<path> params` → the path (quotes and all, no brackets) and the parameters. */
function parsePathArg(arg: string, keyword: string): { path: string; params: string[] } | undefined {
  if (arg.slice(0, keyword.length).toUpperCase() !== keyword) return undefined;
  const rest = arg.slice(keyword.length).trimStart();
  if (!rest.startsWith('<')) return undefined;
  let quoted = false;
  for (let i = 1; i < rest.length; i++) {
    const c = rest[i];
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (c === '>' && !quoted) {
      const params = rest.slice(i + 1).trim();
      return { path: rest.slice(1, i), params: params === '' ? [] : params.split(/ +/) };
    }
  }
  return undefined;
}
