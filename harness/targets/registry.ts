import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { registryDir } from './paths.js';
import { processAlive } from './process.js';

/**
 * The running local targets, one JSON file each under `.targets/running/`: what `targets status`
 * lists and `targets stop` ends, and what lets a later command clean up after a run that died.
 */
export interface RegistryEntry {
  readonly id: string;
  readonly name: string;
  /** The daemon's process group: the daemon and all its children. */
  readonly pgid: number;
  readonly port: number;
  readonly runDir: string;
  /** The unpacked package folder the daemon's executable lives in (checked before a stale entry is stopped). */
  readonly root: string;
  /** The bind mounts of the daemon's private mount namespace, if any (it may see root's files at other paths). */
  readonly mounts?: readonly { readonly source: string; readonly target: string }[];
  /** The smtpspec process that started it. */
  readonly ownerPid: number;
  readonly startedAt: string;
}

function entryFile(id: string, env: NodeJS.ProcessEnv): string {
  return path.join(registryDir(env), `${id}.json`);
}

// Synchronous on purpose: the exit handler must be able to read and clear the registry too.

export function register(entry: RegistryEntry, env: NodeJS.ProcessEnv = process.env): void {
  mkdirSync(registryDir(env), { recursive: true });
  writeFileSync(entryFile(entry.id, env), JSON.stringify(entry, null, 2) + '\n');
}

export function unregister(id: string, env: NodeJS.ProcessEnv = process.env): void {
  rmSync(entryFile(id, env), { force: true });
}

export function listRegistered(env: NodeJS.ProcessEnv = process.env): RegistryEntry[] {
  let files: string[];
  try {
    files = readdirSync(registryDir(env)).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  const out: RegistryEntry[] = [];
  for (const f of files.sort()) {
    try {
      out.push(JSON.parse(readFileSync(path.join(registryDir(env), f), 'utf8')) as RegistryEntry);
    } catch {
      // half-written by a process that died mid-write: nothing to stop
      rmSync(path.join(registryDir(env), f), { force: true });
    }
  }
  return out;
}

export function ownerAlive(entry: RegistryEntry): boolean {
  return processAlive(entry.ownerPid);
}
