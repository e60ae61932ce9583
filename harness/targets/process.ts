// Ending a target's processes: only by the process-group id recorded when it started (the daemon
// and every child it forks share it), never by name.

import { readdirSync, readFileSync } from 'node:fs';

/** pid, state (R, S, Z …) and process group, from /proc/PID/stat; throws when the process is gone. */
function readStat(pid: number | string): { pid: number; state: string; pgid: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses, so parse after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { pid: Number(pid), state: fields[0] ?? '', pgid: Number(fields[2]) };
}

/** The process group of a running process (e.g. the daemon a pid file names); throws when it is gone. */
export function processGroupOf(pid: number): number {
  return readStat(pid).pgid;
}

/** The processes of a group, zombies included, read from /proc; undefined when /proc cannot be read. */
function readGroup(pgid: number): { pid: number; state: string }[] | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const members: { pid: number; state: string }[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const s = readStat(entry);
      if (s.pgid === pgid) members.push({ pid: s.pid, state: s.state });
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return members;
}

/** The processes of a group (zombies included): what a stale registry entry is checked against. */
export function groupMembers(pgid: number): { pid: number; state: string }[] {
  return readGroup(pgid) ?? [];
}

/**
 * Whether any process of the group is still running. Read from /proc rather than kill(-pgid, 0):
 * a daemon's children can linger a moment as zombies after it exits, and those are not running.
 */
export function groupAlive(pgid: number): boolean {
  const members = readGroup(pgid);
  if (members === undefined) return signalZero(pgid);
  return members.some((m) => m.state !== 'Z' && m.state !== 'X');
}

/** Whether a process (e.g. the smtpspec process that started a target) still exists. */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
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
