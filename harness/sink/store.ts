import type { SinkRcptSeen, SinkTransaction } from './types.js';

// The sink's memory: the last transactions (and the last RCPT commands, accepted or refused),
// bounded in count and octets so that a long-running `smtpspec sink` cannot grow without limit,
// and the checks waiting for one of them.

const KEEP_TRANSACTIONS = 1000;
const KEEP_OCTETS = 64 * 1024 * 1024;
const KEEP_RCPTS = 5000;

/** A bounded list of records that callers can wait on. */
class WaitableLog<T> {
  private readonly kept: T[] = [];
  private readonly waiters = new Set<{ pred: (t: T) => boolean; resolve: (t: T | undefined) => void }>();

  constructor(private readonly evict: (kept: T[]) => void) {}

  add(t: T): void {
    this.kept.push(t);
    this.evict(this.kept);
    for (const w of [...this.waiters]) {
      if (!w.pred(t)) continue;
      this.waiters.delete(w);
      w.resolve(t);
    }
  }

  all(): readonly T[] {
    return [...this.kept];
  }

  waitFor(pred: (t: T) => boolean, timeoutMs: number): Promise<T | undefined> {
    const found = this.kept.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => {
      const waiter = {
        pred,
        resolve: (t: T | undefined) => {
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

  close(): void {
    for (const w of this.waiters) w.resolve(undefined);
    this.waiters.clear();
  }
}

export class TransactionStore {
  private octets = 0;
  private seq = 0;
  private readonly transactionLog = new WaitableLog<SinkTransaction>((kept) => {
    this.octets += kept[kept.length - 1]!.raw.length + kept[kept.length - 1]!.content.length;
    while (kept.length > KEEP_TRANSACTIONS || (this.octets > KEEP_OCTETS && kept.length > 1)) {
      const old = kept.shift()!;
      this.octets -= old.raw.length + old.content.length;
    }
  });
  private readonly rcptLog = new WaitableLog<SinkRcptSeen>((kept) => {
    if (kept.length > KEEP_RCPTS) kept.shift();
  });

  nextSeq(): number {
    return ++this.seq;
  }

  add(t: SinkTransaction): void {
    this.transactionLog.add(t);
  }

  all(): readonly SinkTransaction[] {
    return this.transactionLog.all();
  }

  /** The first kept transaction matching `pred`, or the next to arrive within `timeoutMs`. */
  waitFor(pred: (t: SinkTransaction) => boolean, timeoutMs: number): Promise<SinkTransaction | undefined> {
    return this.transactionLog.waitFor(pred, timeoutMs);
  }

  /** A RCPT command reached a listener (recorded before any data: a refused one never has data). */
  noteRcpt(r: SinkRcptSeen): void {
    this.rcptLog.add(r);
  }

  /** The first kept RCPT matching `pred`, or the next within `timeoutMs` (routing probes: `smtpspec doctor`). */
  waitForRcpt(pred: (r: SinkRcptSeen) => boolean, timeoutMs: number): Promise<SinkRcptSeen | undefined> {
    return this.rcptLog.waitFor(pred, timeoutMs);
  }

  /** Ends every wait (undefined) when the sink closes. */
  close(): void {
    this.transactionLog.close();
    this.rcptLog.close();
  }
}
