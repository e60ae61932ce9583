import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { containersWithLabels, dockerUnavailableReason, inspectContainers, removeContainer } from './engine.js';
import { LABEL } from './labels.js';
import { cleanUpOnExit } from '../exit-guard.js';
import { processAlive } from '../process.js';

// The running target containers, read from the engine by label (there is no file registry for
// them): what `targets status` lists, `targets stop` ends, and the sweep clears after a run that
// died. Ryuk, testcontainers' reaper, is off here (its image cannot be pulled), so this is the reaper.

export interface TargetContainer {
  readonly containerId: string;
  /** The start's id, e.g. postfix-m1x2y3-ab12cd (what `targets stop ID` takes). */
  readonly id: string;
  /** The fixture's name (postfix); `targets status` shows it as docker:postfix. */
  readonly name: string;
  readonly port: number;
  readonly runDir: string;
  readonly ownerPid: number;
  readonly startedAt: string;
  readonly running: boolean;
  /** A one-shot tool container (prepare's saslpasswd2), not a server. */
  readonly tool: boolean;
}

export function isOrphan(c: TargetContainer): boolean {
  return !processAlive(c.ownerPid);
}

/** Every container smtpspec started (servers and tools), running or not; [] without an engine. */
export async function listTargetContainers(): Promise<TargetContainer[]> {
  if ((await dockerUnavailableReason()) !== undefined) return [];
  const states = await inspectContainers(await containersWithLabels([LABEL.ownerPid]));
  return states.map((s) => ({
    containerId: s.id,
    id: s.labels[LABEL.id] ?? s.id.slice(0, 12),
    name: s.labels[LABEL.target] ?? '?',
    port: Number(s.labels[LABEL.port] ?? 0),
    runDir: s.labels[LABEL.runDir] ?? '',
    ownerPid: Number(s.labels[LABEL.ownerPid] ?? 0),
    startedAt: s.labels[LABEL.startedAt] ?? '',
    running: s.running,
    tool: s.labels[LABEL.tool] !== undefined,
  })).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

const active = new Map<string, { containerId: string; runDir: string }>();

/** Stops and removes one container and its run folder, and forgets it. */
export async function stopTargetContainer(c: { containerId: string; runDir: string }, env: NodeJS.ProcessEnv = process.env): Promise<'removed' | 'gone'> {
  const outcome = await removeContainer(c.containerId);
  active.delete(c.containerId);
  if (c.runDir !== '' && !env.SMTPSPEC_KEEP_RUNS) rmSync(c.runDir, { recursive: true, force: true });
  return outcome;
}

/** Removes the containers whose smtpspec process is gone (killed, crashed): a later command cleans up. */
export async function sweepOrphanContainers(env: NodeJS.ProcessEnv = process.env): Promise<TargetContainer[]> {
  const orphans = (await listTargetContainers()).filter(isOrphan);
  for (const c of orphans) await stopTargetContainer(c, env);
  return orphans;
}

// --- containers started by this process, removed on exit whatever happens -------------------

function removeAllNow(): void {
  if (active.size === 0) return;
  try {
    // Synchronous: the exit handler cannot await. rm -f kills at once: there is no time for grace.
    execFileSync('docker', ['rm', '--force', '--volumes', ...[...active.values()].map((c) => c.containerId)], { stdio: 'ignore', timeout: 30_000 });
  } catch {
    // the engine is gone, or so are the containers; the next start sweeps whatever is left
  }
  for (const c of active.values()) if (!process.env.SMTPSPEC_KEEP_RUNS) rmSync(c.runDir, { recursive: true, force: true });
  active.clear();
}

/** Remembers a container of this process, to remove on exit (and on a signal nobody else handles). */
export function trackContainer(c: { containerId: string; runDir: string }): void {
  active.set(c.containerId, c);
  cleanUpOnExit(removeAllNow);
}
