import { Transcript, REDACTED } from './transcript.js';
import type { ConnectionClosed, Outcome, Reply } from './outcome.js';
import { credentialSecrets, plainResponse, base64, type Credentials, type SaslMechanism } from './sasl.js';
import { Wire, type WireOptions } from './wire.js';

export interface SessionOptions extends WireOptions {
  /** Strings never to be shown (credentials): redacted from the transcript before it is stored. */
  secrets?: readonly string[];
}

/** The target could not be reached at all: the runner reports it, checks never see it. */
export class ConnectFailed extends Error {
  constructor(readonly target: string, readonly reason: string) {
    super(`cannot connect to ${target}: ${reason}`);
  }
}

/** A check used the harness wrongly (e.g. pipelining without PIPELINING): graded ERROR. */
export class HarnessMisuse extends Error {}

/** Replies that count as the server complaining about the client's protocol use. */
const PROTOCOL_ERROR_CODES = new Set([500, 501, 502, 503, 504, 555]);
const MAX_KEPT_REPLIES = 1_000;

export type EhloKeywords = ReadonlyMap<string, readonly string[]>;

/**
 * One SMTP client connection, byte-exact: `send` adds CRLF and nothing else, `sendRaw` sends
 * octets as given (bare LF, bare CR, NUL on purpose). Every read has a timeout and returns an
 * Outcome; nothing a server does makes these methods throw.
 */
export class Session {
  readonly transcript: Transcript;
  greeting: Outcome = { kind: 'closed', partial: Buffer.alloc(0), error: 'not connected' };
  /** Keywords of the last successful EHLO (upper-cased), cleared by STARTTLS. */
  ehloKeywords: EhloKeywords | undefined;
  /** 5xx replies that mean "you made a protocol error"; hygiene keeps this at most 2. */
  protocolErrors = 0;
  readonly replies: Reply[] = [];

  private readonly wire: Wire;

  private constructor(readonly options: SessionOptions) {
    this.transcript = new Transcript();
    for (const s of options.secrets ?? []) this.transcript.addSecret(s);
    this.wire = new Wire(options, this.transcript);
  }

  /** Connects and reads the greeting (kept in `greeting`, whatever it is). */
  static async open(options: SessionOptions): Promise<Session> {
    const session = new Session(options);
    const failure = await session.wire.connect();
    if (failure !== undefined) throw new ConnectFailed(session.target, failure);
    session.greeting = await session.read();
    return session;
  }

  get target(): string {
    return this.wire.target;
  }

  get isClosed(): boolean {
    return this.wire.closed;
  }

  /** Whether the connection is inside TLS (smtps://, or after a successful STARTTLS). */
  get tlsActive(): boolean {
    return this.wire.tlsActive;
  }

  /** Whether the last EHLO advertised the keyword (case-insensitive). */
  has(keyword: string): boolean {
    return this.ehloKeywords?.has(keyword.toUpperCase()) ?? false;
  }

  /** Parameters of an advertised keyword, e.g. `AUTH` → ['PLAIN', 'LOGIN']. */
  params(keyword: string): readonly string[] | undefined {
    return this.ehloKeywords?.get(keyword.toUpperCase());
  }

  /** Sends one command line (CRLF appended) and reads its reply. */
  async send(line: string, opts: { timeoutMs?: number; shownAs?: string } = {}): Promise<Outcome> {
    await this.wire.write(Buffer.from(line + '\r\n', 'utf8'), opts.shownAs === undefined ? undefined : opts.shownAs + '\\r\\n');
    return this.read(opts.timeoutMs);
  }

  /** Writes octets exactly as given (a string is taken one octet per character, latin1); reads nothing. */
  async sendRaw(bytes: string | Uint8Array): Promise<void> {
    await this.wire.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes));
  }

  /** Sends a group of commands in one write and reads their replies in order (RFC 2920). */
  async pipeline(lines: readonly string[], opts: { timeoutMs?: number } = {}): Promise<Outcome[]> {
    if (!this.has('PIPELINING')) throw new HarnessMisuse('pipelining is used only when the target advertises PIPELINING');
    await this.wire.write(Buffer.from(lines.map((l) => l + '\r\n').join(''), 'utf8'));
    const outcomes: Outcome[] = [];
    for (let i = 0; i < lines.length; i++) {
      const o = await this.read(opts.timeoutMs);
      outcomes.push(o);
      if (o.kind === 'closed' || o.kind === 'timeout') break;
    }
    return outcomes;
  }

  /** Reads the next reply, waiting at most the reply timeout. */
  async read(timeoutMs: number = this.options.replyTimeoutMs): Promise<Outcome> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const next = this.wire.reader.next();
      if (next) {
        this.transcript.received(next.raw, this.tlsActive);
        if (next.kind === 'reply') this.keep(next);
        else {
          this.transcript.event(`protocol violation: ${next.detail}`);
          // An endless line leaves nothing to resynchronise on: drop the connection.
          if (this.wire.reader.broken) this.close();
        }
        return next;
      }
      if (this.wire.closed || this.wire.reader.broken) return this.closedOutcome();
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        const partial = Buffer.from(this.wire.reader.pending());
        this.transcript.event(`no complete reply within ${timeoutMs} ms` + (partial.length ? ` (${partial.length} octets of a partial reply)` : ''));
        return { kind: 'timeout', afterMs: timeoutMs, partial };
      }
      await this.wire.waitForActivity(remaining);
    }
  }

  /** Collects whatever replies arrive within `ms` without sending anything (to spot extra replies). */
  async readExtra(ms: number): Promise<Outcome[]> {
    const found: Outcome[] = [];
    const deadline = Date.now() + ms;
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return found;
      const o = await this.readQuietly(remaining);
      if (o === undefined) return found;
      found.push(o);
      if (o.kind !== 'reply') return found;
    }
  }

  /** Waits up to `ms` for the server to close; 'open' if it did not. Unread data stays unread. */
  async waitForClose(ms: number): Promise<'closed' | 'open'> {
    const deadline = Date.now() + ms;
    while (!this.wire.closed) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return 'open';
      await this.wire.waitForActivity(remaining);
    }
    return 'closed';
  }

  async ehlo(name: string): Promise<Outcome> {
    const reply = await this.send(`EHLO ${name}`);
    if (reply.kind === 'reply' && reply.code === 250) this.ehloKeywords = parseEhloKeywords(reply);
    return reply;
  }

  async helo(name: string): Promise<Outcome> {
    const reply = await this.send(`HELO ${name}`);
    if (reply.kind === 'reply' && reply.code === 250) this.ehloKeywords = new Map();
    return reply;
  }

  /** RFC 3207: STARTTLS, then the handshake on the same connection. */
  async startTls(): Promise<Outcome> {
    const reply = await this.send('STARTTLS');
    if (reply.kind !== 'reply' || reply.code !== 220) return reply;
    const failure = await this.handshakeTls();
    return failure ?? reply;
  }

  /**
   * The TLS handshake alone, for a check that sent STARTTLS itself (e.g. together with injected
   * plaintext, RFC 3207 §4.2) and read the 220. Returns a closed outcome when the handshake fails.
   */
  async handshakeTls(): Promise<ConnectionClosed | undefined> {
    const leftover = this.wire.reader.pending();
    if (leftover.length > 0) this.transcript.event(`${leftover.length} octets after the 220 to STARTTLS discarded`);
    const failure = await this.wire.upgrade();
    if (!failure) this.ehloKeywords = undefined;
    return failure;
  }

  /** AUTH with real credentials; every credential-bearing line is redacted in the transcript. */
  async auth(mechanism: SaslMechanism, credentials: Credentials, opts: { initialResponse?: boolean } = {}): Promise<Outcome> {
    for (const s of credentialSecrets(credentials)) this.transcript.addSecret(s);
    if (mechanism === 'PLAIN') {
      if (opts.initialResponse !== false) return this.send(`AUTH PLAIN ${plainResponse(credentials)}`, { shownAs: `AUTH PLAIN ${REDACTED}` });
      const challenge = await this.send('AUTH PLAIN');
      if (challenge.kind !== 'reply' || challenge.code !== 334) return challenge;
      return this.send(plainResponse(credentials), { shownAs: REDACTED });
    }
    const first = await this.send('AUTH LOGIN');
    if (first.kind !== 'reply' || first.code !== 334) return first;
    const second = await this.send(base64(credentials.user), { shownAs: REDACTED });
    if (second.kind !== 'reply' || second.code !== 334) return second;
    return this.send(base64(credentials.pass), { shownAs: REDACTED });
  }

  /** QUIT, then wait briefly for the server to close. */
  async quit(): Promise<Outcome> {
    const reply = await this.send('QUIT');
    if (reply.kind === 'reply') await this.waitForClose(Math.min(this.options.replyTimeoutMs, 2_000));
    return reply;
  }

  /** Ends the connection from our side (idempotent). */
  close(): void {
    if (!this.wire.closed) {
      this.wire.closed = true;
      this.transcript.event('connection closed by smtpspec');
    }
    this.wire.destroy();
  }

  private async readQuietly(ms: number): Promise<Outcome | undefined> {
    const deadline = Date.now() + ms;
    for (;;) {
      const next = this.wire.reader.next();
      if (next) {
        this.transcript.received(next.raw, this.tlsActive);
        if (next.kind === 'reply') this.keep(next);
        return next;
      }
      if (this.wire.closed) return undefined;
      const remaining = deadline - Date.now();
      if (remaining <= 0) return undefined;
      await this.wire.waitForActivity(remaining);
    }
  }

  private keep(reply: Reply): void {
    if (reply.code >= 500 && PROTOCOL_ERROR_CODES.has(reply.code)) this.protocolErrors++;
    if (this.replies.length < MAX_KEPT_REPLIES) this.replies.push(reply);
  }

  private closedOutcome(): ConnectionClosed {
    const partial = Buffer.from(this.wire.reader.pending());
    if (partial.length > 0) this.transcript.received(partial, this.tlsActive);
    const outcome: ConnectionClosed = { kind: 'closed', partial, ...(this.wire.closeError ? { error: this.wire.closeError } : {}) };
    return outcome;
  }
}

/** EHLO reply lines after the first: `KEYWORD [param ...]`, keyword upper-cased (RFC 1869 §4.3). */
export function parseEhloKeywords(reply: Reply): Map<string, readonly string[]> {
  const keywords = new Map<string, readonly string[]>();
  for (const line of reply.lines.slice(1)) {
    const [keyword, ...params] = line.split(' ').filter((t) => t.length > 0);
    if (keyword) keywords.set(keyword.toUpperCase(), params);
  }
  return keywords;
}

