// Ending a target's processes: only by the process-group id recorded when it started (the daemon
// and every child it forks share it), never by name.

import { readdirSync, readFileSync } from 'node:fs';

/**
 * Whether any process of the group is still running. Read from /proc rather than kill(-pgid, 0):
 * a daemon's children can linger a moment as zombies after it exits, and those are not running.
 */
export function groupAlive(pgid: number): boolean {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return signalZero(pgid);
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
    } catch {
      continue;
    }
    // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses, so parse after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') return true;
  }
  return false;
}

function signalZero(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

/** SIGTERM to the group, then SIGKILL after graceMs if anything of it is still there. */
export async function stopGroup(pgid: number, graceMs = 5_000): Promise<'terminated' | 'killed' | 'gone'> {
  if (!groupAlive(pgid)) return 'gone';
  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await new Promise((res) => setTimeout(res, 50));
    if (!groupAlive(pgid)) return 'terminated';
  }
  signalGroup(pgid, 'SIGKILL');
  for (let i = 0; i < 40 && groupAlive(pgid); i++) await new Promise((res) => setTimeout(res, 25));
  return 'killed';
}

/** For process exit, when nothing can be awaited any more. */
export function killGroupNow(pgid: number): void {
  signalGroup(pgid, 'SIGKILL');
}
