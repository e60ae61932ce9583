import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { cleanUpOnExit } from './exit-guard.js';
import { waitForGreeting } from './greeting.js';
import { isInstalled } from './install.js';
import { MULTIARCH, targetPaths } from './paths.js';
import { freeLoopbackPort } from './ports.js';
import { runsProgramOf, wrapInNamespace } from './namespace.js';
import { groupAlive, groupMembers, killGroupNow, processGroupOf, stopGroup } from './process.js';
import { listRegistered, ownerAlive, register, unregister, type RegistryEntry } from './registry.js';
import { newStart, newTestAccount, PLACEHOLDER_ROUTES, runFolderWithCertificate, tailOfFile } from './start-common.js';
import type { LocalTargetSpec, TargetCredentials, TargetRelayRoutes } from './types.js';
import { userIds } from './users.js';

export const LOCAL_HOST = '127.0.0.1';

export class TargetNotInstalled extends Error {
  constructor(readonly target: string) {
    super(`target "${target}" is not installed: run "smtpspec targets install ${target}" first`);
  }
}

export interface StartOptions {
  /** Where the target relays: domain → 127.0.0.1 port (a key covers its subdomains). */
  readonly relayRoutes?: TargetRelayRoutes;
  readonly greetingTimeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

export interface RunningLocalTarget {
  readonly id: string;
  readonly name: string;
  readonly host: typeof LOCAL_HOST;
  readonly port: number;
  readonly mailbox: string;
  readonly credentials: TargetCredentials;
  readonly greeting: string;
  /** From launching the daemon to its 220 greeting. */
  readonly startMs: number;
  readonly runDir: string;
  /** Graceful stop (SIGTERM, then SIGKILL after a grace period), then the run folder is removed. */
  stop(): Promise<void>;
}

function libraryPath(root: string): string {
  return [`usr/lib/${MULTIARCH}`, `lib/${MULTIARCH}`].map((d) => path.join(root, d)).filter((d) => existsSync(d)).join(':');
}

// --- processes started by this smtpspec process, ended on exit whatever happens -------------

const active = new Map<string, RegistryEntry>();

function killAllNow(): void {
  for (const entry of active.values()) {
    killGroupNow(entry.pgid);
    unregister(entry.id);
    if (!process.env.SMTPSPEC_KEEP_RUNS) rmSync(entry.runDir, { recursive: true, force: true });
  }
  active.clear();
}

/**
 * Whether a stale entry's group is really that target's daemon (a pgid can be reused): some
 * process of the group runs a program of the unpacked root, seen directly or through the mounts
 * of its private namespace.
 */
function isOurDaemon(entry: RegistryEntry): boolean {
  return groupMembers(entry.pgid).some((m) => {
    try {
      return runsProgramOf(m.pid, entry.root, entry.mounts);
    } catch {
      return false; // gone meanwhile, or not ours to read
    }
  });
}

/** Stops one registered target (ours, or one left by a process that died) and forgets it. */
export async function stopRegistered(entry: RegistryEntry, env: NodeJS.ProcessEnv = process.env): Promise<'terminated' | 'killed' | 'gone'> {
  const outcome = groupAlive(entry.pgid) && isOurDaemon(entry) ? await stopGroup(entry.pgid) : 'gone';
  active.delete(entry.id);
  unregister(entry.id, env);
  if (!env.SMTPSPEC_KEEP_RUNS) rmSync(entry.runDir, { recursive: true, force: true });
  return outcome;
}

/** Ends targets whose smtpspec process is gone (killed, crashed): a later command cleans up. */
async function sweepOrphans(env: NodeJS.ProcessEnv = process.env): Promise<RegistryEntry[]> {
  const orphans = listRegistered(env).filter((e) => !ownerAlive(e));
  for (const e of orphans) await stopRegistered(e, env);
  return orphans;
}

// --- start --------------------------------------------------------------------------------

/** Starts an installed target on a free 127.0.0.1 port with a private configuration and waits for its 220. */
export async function startLocalTarget(spec: LocalTargetSpec, opts: StartOptions = {}): Promise<RunningLocalTarget> {
  const env = opts.env ?? process.env;
  if (!isInstalled(spec, env)) throw new TargetNotInstalled(spec.name);
  await sweepOrphans(env);
  const paths = targetPaths(spec.name, env);
  const { id, runDir } = newStart(spec.name, paths.base);
  const owner = await userIds(spec.runUser);
  const tls = await runFolderWithCertificate(runDir, { cert: path.join(paths.tls, 'cert.pem'), key: path.join(paths.tls, 'key.pem') }, owner);

  const credentials = newTestAccount();
  const port = await freeLoopbackPort();
  const launch = await spec.prepare({ root: paths.root, runDir, port, relayRoutes: opts.relayRoutes ?? PLACEHOLDER_ROUTES, credentials, tls, libraryPath: libraryPath(paths.root) });

  // With a namespace, unshare and the mount script exec into the daemon: same pid, same group.
  const wrapped = await wrapInNamespace(launch, runDir);
  const started = Date.now();
  const launcherLog = path.join(runDir, 'log/launcher.log');
  const out = openSync(launcherLog, 'a');
  // detached: the daemon gets a process group of its own, so that stop ends it and its children.
  const child = spawn(wrapped.command, wrapped.args, { cwd: runDir, env: { ...launch.env }, detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  const spawned = await new Promise<{ pid?: number; error?: Error }>((resolve) => {
    child.once('spawn', () => resolve({ pid: child.pid! }));
    child.once('error', (error) => resolve({ error }));
  });
  const diagnostics = () => [launcherLog, ...launch.logFiles].map((f) => tailOfFile(f)).filter((t) => t !== '').join('\n');
  if (spawned.error) {
    rmSync(runDir, { recursive: true, force: true });
    throw new Error(`${spec.name}: cannot launch ${launch.command}: ${spawned.error.message}`);
  }
  let pgid = spawned.pid!;
  if (launch.pidFile !== undefined) {
    // A daemon that detaches: its launcher must succeed, then the pid file names the daemon.
    const code = await new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (c) => resolve(c))));
    const pid = code === 0 ? Number((await readFile(launch.pidFile, 'utf8').catch(() => '')).trim()) : NaN;
    if (!Number.isInteger(pid) || pid <= 0) {
      const why = diagnostics();
      if (groupAlive(spawned.pid!)) await stopGroup(spawned.pid!);
      rmSync(runDir, { recursive: true, force: true });
      throw new Error(`${spec.name}: the server did not start (launcher exit ${code})${why ? `:\n${why}` : ''}`);
    }
    pgid = processGroupOf(pid);
  }
  const entry: RegistryEntry = { id, name: spec.name, pgid, port, runDir, root: paths.root, ...(wrapped.mounts.length > 0 ? { mounts: wrapped.mounts } : {}), ownerPid: process.pid, startedAt: new Date(started).toISOString() };
  register(entry, env);
  active.set(id, entry);
  cleanUpOnExit(killAllNow);

  let greeting: string;
  try {
    greeting = await waitForGreeting(LOCAL_HOST, port, { timeoutMs: opts.greetingTimeoutMs ?? 20_000, alive: () => groupAlive(pgid) });
  } catch (err) {
    const why = diagnostics();
    await stopRegistered(entry, env);
    throw new Error(`${spec.name}: ${(err as Error).message}${why ? `\n${why}` : ''}`);
  }
  const startMs = Date.now() - started;
  // From here the registry and the exit guard own the daemon: it must not keep smtpspec alive.
  child.unref();
  let stopped: Promise<void> | undefined;
  return {
    id,
    name: spec.name,
    host: LOCAL_HOST,
    port,
    mailbox: spec.mailbox,
    credentials,
    greeting,
    startMs,
    runDir,
    stop: () => (stopped ??= stopRegistered(entry, env).then(() => undefined)),
  };
}
