import { listenOnLoopback } from '../listen.js';
import { createServer, type Server } from 'node:net';
import { SinkConnection } from './connection.js';
import { PROFILE_NAMES, PROFILES } from './profiles.js';
import { TransactionStore } from './store.js';
import type { SinkAccess, SinkProfile, SinkRcptSeen, SinkTransaction } from './types.js';

// The relay sink: one loopback listener per profile, one store for all of them.

export interface SinkOptions {
  /** Fixed ports per profile (e.g. for a target whose transport map is written once); default any free port. */
  readonly ports?: Partial<Record<SinkProfile, number>>;
  /** Default wait of waitFor (ms). */
  readonly waitMs?: number;
}

export interface Sink {
  readonly host: '127.0.0.1';
  readonly ports: Readonly<Record<SinkProfile, number>>;
  /** Recipient domain → port: the routing a target needs (subdomains of sink.test go to `full`). */
  readonly routes: Readonly<Record<string, number>>;
  readonly transactions: () => readonly SinkTransaction[];
  waitFor(pred: (t: SinkTransaction) => boolean, timeoutMs?: number): Promise<SinkTransaction | undefined>;
  /** The first RCPT (accepted or refused, data or not) for which `pred` holds: where a probe was routed. */
  waitForRcpt(pred: (r: SinkRcptSeen) => boolean, timeoutMs?: number): Promise<SinkRcptSeen | undefined>;
  /** The view a check gets (ctx.sink). */
  readonly access: SinkAccess;
  close(): Promise<void>;
}

export const DEFAULT_SINK_WAIT_MS = 30_000;

export async function startSink(opts: SinkOptions = {}): Promise<Sink> {
  const store = new TransactionStore();
  const servers: Server[] = [];
  const connections = new Set<SinkConnection>();
  const ports = {} as Record<SinkProfile, number>;
  try {
    for (const profile of PROFILE_NAMES) {
      const server = createServer((socket) => {
        const c = new SinkConnection(socket, profile, PROFILES[profile], store);
        connections.add(c);
        socket.once('close', () => connections.delete(c));
      });
      servers.push(server);
      ports[profile] = await listenOnLoopback(server, opts.ports?.[profile] ?? 0, 'sink');
    }
  } catch (err) {
    for (const s of servers) s.close();
    throw err;
  }
  const routes = Object.fromEntries(PROFILE_NAMES.map((p) => [PROFILES[p].domain, ports[p]]));
  const waitMs = opts.waitMs ?? DEFAULT_SINK_WAIT_MS;
  const waitFor = (pred: (t: SinkTransaction) => boolean, timeoutMs = waitMs) => store.waitFor(pred, timeoutMs);
  const transactions = () => store.all();
  const domains = Object.fromEntries(PROFILE_NAMES.map((p) => [p, PROFILES[p].domain])) as Record<SinkProfile, string>;
  let closing: Promise<void> | undefined;
  return {
    host: '127.0.0.1',
    ports,
    routes,
    transactions,
    waitFor,
    waitForRcpt: (pred, timeoutMs = waitMs) => store.waitForRcpt(pred, timeoutMs),
    access: { domains, waitMs, waitFor, transactions },
    close() {
      closing ??= (async () => {
        store.close();
        for (const c of connections) c.destroy();
        await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
      })();
      return closing;
    },
  };
}
