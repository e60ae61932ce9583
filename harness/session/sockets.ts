import net from 'node:net';
import tls from 'node:tls';

// Opening the socket a Session talks over: plain TCP, implicit TLS, or a TLS handshake on an
// existing connection (STARTTLS). Each waits a bounded time and reports failure as a value.

export interface TlsOptions {
  /** Check the server's certificate; off by default because test targets use self-signed ones. */
  readonly verifyCertificates: boolean;
  readonly servername: string | undefined;
}

/** Connects (with TLS when `tlsOptions` is given); resolves the socket or the reason it failed. */
export function openSocket(host: string, port: number, timeoutMs: number, tlsOptions?: TlsOptions): Promise<net.Socket | string> {
  return new Promise((resolve) => {
    const s = tlsOptions
      ? tls.connect({ host, port, rejectUnauthorized: tlsOptions.verifyCertificates, servername: sni(tlsOptions.servername) })
      : net.connect({ host, port });
    settle(s, tlsOptions ? 'secureConnect' : 'connect', timeoutMs, `no connection within ${timeoutMs} ms`, resolve);
  });
}

/** The TLS handshake on a connected socket (after the server's 220 to STARTTLS). */
export function handshake(plain: net.Socket, timeoutMs: number, tlsOptions: TlsOptions): Promise<tls.TLSSocket | string> {
  return new Promise((resolve) => {
    const secure = tls.connect({ socket: plain, rejectUnauthorized: tlsOptions.verifyCertificates, servername: sni(tlsOptions.servername) });
    settle(secure, 'secureConnect', timeoutMs, `no TLS handshake within ${timeoutMs} ms`, resolve);
  });
}

export function describeTls(socket: tls.TLSSocket): string {
  const cipher = socket.getCipher?.();
  return [socket.getProtocol?.() ?? 'TLS', cipher?.name].filter(Boolean).join(' ');
}

/** SNI must not be an IP address (RFC 6066 §3). */
function sni(name: string | undefined): string | undefined {
  return name === undefined || net.isIP(name) ? undefined : name;
}

function settle<S extends net.Socket>(s: S, success: string, timeoutMs: number, timeoutReason: string, resolve: (r: S | string) => void): void {
  const timer = setTimeout(() => {
    s.destroy();
    resolve(timeoutReason);
  }, timeoutMs);
  s.once(success, () => {
    clearTimeout(timer);
    resolve(s);
  });
  s.once('error', (err) => {
    clearTimeout(timer);
    s.destroy();
    resolve(err.message);
  });
}
