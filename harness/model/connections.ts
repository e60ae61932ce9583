import type { CheckContext } from '../check.js';
import { openRetryingBusy } from '../session/busy-retry.js';
import { Session } from '../session/session.js';
import type { Connector } from './real.js';

/**
 * Connections for property runs. A property opens hundreds of connections; recording them all
 * would bury the counterexample, so exploration uses connections of its own, made exactly like
 * the check's first one (same target, TLS, timeouts, redactions), and only the final replay of a
 * counterexample goes through ctx.connect into the check's transcript.
 */
export class ConnectionPool {
  private readonly open = new Set<Session>();
  /** The runner upgraded the check's first connection with STARTTLS (--starttls): do the same. */
  private readonly starttls: boolean;
  opened = 0;

  constructor(
    private readonly primary: Session,
    private readonly ctx: CheckContext,
  ) {
    this.starttls = primary.tlsActive && !primary.options.implicitTls;
  }

  /** True once the runner has closed the check's first connection: the check is over (or timed out). */
  get abandoned(): boolean {
    return this.primary.isClosed;
  }

  readonly connect: Connector = async () => {
    // The check's first connection got its 220: a 421 here is the target's connection limit.
    const s = await openRetryingBusy(() => Session.open(this.primary.options));
    this.open.add(s);
    this.opened++;
    if (this.starttls && s.greeting.kind === 'reply' && s.greeting.code === 220) {
      const ehlo = await s.ehlo(this.ctx.heloName);
      if (ehlo.kind === 'reply' && ehlo.code === 250) await s.startTls();
    }
    return s;
  };

  /** Ends every connection of the pool: QUIT without waiting, then close. */
  async closeAll(): Promise<void> {
    const sessions = [...this.open];
    this.open.clear();
    await Promise.all(sessions.map((s) => retire(s)));
  }
}

/** Says QUIT (without waiting for the reply) and closes; harmless on a closed session. */
export async function retire(s: Session): Promise<void> {
  if (!s.isClosed) {
    await s.sendRaw('QUIT\r\n');
    s.close();
  }
}
