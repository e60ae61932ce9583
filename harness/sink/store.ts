import type { SinkTransaction } from './types.js';

// The sink's memory: the last transactions, bounded in count and octets so that a long-running
// `smtpspec sink` cannot grow without limit, and the checks waiting for one of them.

const KEEP_TRANSACTIONS = 1000;
const KEEP_OCTETS = 64 * 1024 * 1024;

interface Waiter {
  readonly pred: (t: SinkTransaction) => boolean;
  readonly resolve: (t: SinkTransaction | undefined) => void;
}

export class TransactionStore {
  private readonly kept: SinkTransaction[] = [];
  private octets = 0;
  private seq = 0;
  private readonly waiters = new Set<Waiter>();

  nextSeq(): number {
    return ++this.seq;
  }

  add(t: SinkTransaction): void {
    this.kept.push(t);
    this.octets += t.raw.length + t.content.length;
    while (this.kept.length > KEEP_TRANSACTIONS || (this.octets > KEEP_OCTETS && this.kept.length > 1)) {
      const old = this.kept.shift()!;
      this.octets -= old.raw.length + old.content.length;
    }
    for (const w of [...this.waiters]) {
      if (!w.pred(t)) continue;
      this.waiters.delete(w);
      w.resolve(t);
    }
  }

  all(): readonly SinkTransaction[] {
    return [...this.kept];
  }

  /** The first kept transaction matching `pred`, or the next to arrive within `timeoutMs`. */
  waitFor(pred: (t: SinkTransaction) => boolean, timeoutMs: number): Promise<SinkTransaction | undefined> {
    const found = this.kept.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        pred,
        resolve: (t) => {
          clearTimeout(timer);
          resolve(t);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(undefined);
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Ends every wait (undefined) when the sink closes. */
  close(): void {
    for (const w of this.waiters) w.resolve(undefined);
    this.waiters.clear();
  }
}
