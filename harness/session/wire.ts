import type net from 'node:net';
import type tls from 'node:tls';
import { ReplyReader } from './reply-reader.js';
import type { Transcript } from './transcript.js';
import type { ConnectionClosed } from './outcome.js';
import { describeTls, handshake, openSocket, type TlsOptions } from './sockets.js';

/** Stop reading from the socket while this much is unread; reply limits bound the rest. */
const MAX_UNREAD_OCTETS = 1 << 20;

export interface WireOptions {
  host: string;
  port: number;
  /** Implicit TLS (smtps://): the TLS handshake happens before the greeting. */
  implicitTls?: boolean;
  /** Check the server's certificate; off by default because test targets use self-signed ones. */
  verifyCertificates?: boolean;
  servername?: string;
  /** How long any single wait for a reply may take. */
  replyTimeoutMs: number;
  connectTimeoutMs?: number;
}

/**
 * The transport under a Session: one socket (plain, or TLS from the start or after STARTTLS) feeding
 * a reply reader, with back-pressure on unread input and a wait that wakes on data or close. It
 * knows octets, not SMTP; the Session reads replies out of `reader`.
 */
export class Wire {
  reader = new ReplyReader();
  closed = false;
  closeError: string | undefined;
  tlsActive = false;

  private socket: net.Socket | undefined;
  private wake: (() => void) | undefined;
  private readonly onData = (chunk: Buffer) => {
    this.reader.push(chunk);
    if (this.reader.pending().length > MAX_UNREAD_OCTETS) this.socket?.pause();
    this.wakeUp();
  };
  private readonly onClose = () => {
    if (!this.closed) this.transcript.event('connection closed by server');
    this.closed = true;
    this.wakeUp();
  };
  private readonly onError = (err: Error) => {
    this.closeError = err.message;
  };

  constructor(private readonly options: WireOptions, private readonly transcript: Transcript) {}

  get target(): string {
    return `${this.options.host}:${this.options.port}`;
  }

  /** Opens the connection (with TLS for smtps://); the reason as a string when it cannot. */
  async connect(): Promise<string | undefined> {
    const { host, port } = this.options;
    const timeout = this.options.connectTimeoutMs ?? this.options.replyTimeoutMs;
    const socket = await openSocket(host, port, timeout, this.options.implicitTls ? this.tlsOptions() : undefined);
    if (typeof socket === 'string') return socket;
    this.socket = socket;
    this.tlsActive = this.options.implicitTls ?? false;
    this.attach(socket);
    this.transcript.event(`connected to ${this.target}` + (this.tlsActive ? ` with TLS (${describeTls(socket as tls.TLSSocket)})` : ''));
    return undefined;
  }

  /** Runs the TLS handshake on the open connection (STARTTLS); unread plaintext is dropped with the old reader. */
  async upgrade(): Promise<ConnectionClosed | undefined> {
    const plain = this.socket!;
    this.detach(plain);
    this.reader = new ReplyReader();
    const result = await handshake(plain, this.options.replyTimeoutMs, this.tlsOptions());
    if (typeof result === 'string') {
      this.transcript.event(`TLS handshake failed: ${result}`);
      this.closed = true;
      plain.destroy();
      return { kind: 'closed', partial: Buffer.alloc(0), error: `TLS handshake failed: ${result}` };
    }
    this.socket = result;
    this.tlsActive = true;
    this.attach(result);
    this.transcript.event(`TLS handshake done (${describeTls(result)})`);
    return undefined;
  }

  /** Writes octets, noting them in the transcript first (shown as `shownAs` when that is given). */
  async write(bytes: Buffer, shownAs?: string): Promise<void> {
    this.transcript.sent(bytes, this.tlsActive, shownAs);
    const socket = this.socket;
    if (this.closed || socket === undefined || socket.destroyed) {
      this.transcript.event('not sent: the connection is closed');
      return;
    }
    await new Promise<void>((resolve) => {
      socket.write(bytes, (err) => {
        if (err) this.transcript.event(`write failed: ${err.message}`);
        resolve();
      });
    });
  }

  /** Resumes reading and waits at most `ms` for data or a close. */
  waitForActivity(ms: number): Promise<void> {
    this.socket?.resume();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  destroy(): void {
    this.socket?.destroy();
  }

  private tlsOptions(): TlsOptions {
    return { verifyCertificates: this.options.verifyCertificates ?? false, servername: this.options.servername ?? this.options.host };
  }

  private attach(socket: net.Socket): void {
    socket.on('data', this.onData);
    socket.on('close', this.onClose);
    socket.on('error', this.onError);
  }

  private detach(socket: net.Socket): void {
    socket.off('data', this.onData);
    socket.off('close', this.onClose);
    // Keep an error listener: an unhandled 'error' event would crash the process.
  }

  private wakeUp(): void {
    this.wake?.();
  }
}
