import { existsSync } from 'node:fs';
import { expect } from 'vitest';
import { installTarget, isInstalled } from '../../harness/targets/install.js';
import type { RunningLocalTarget } from '../../harness/targets/local.js';
import { groupAlive } from '../../harness/targets/process.js';
import { listRegistered, type RegistryEntry } from '../../harness/targets/registry.js';
import type { LocalTargetSpec } from '../../harness/targets/types.js';

/**
 * Makes sure the target is unpacked: installs it when it is not (CI installs it beforehand with
 * `smtpspec targets install`). Returns why the test must be skipped, or undefined to go on: only
 * a target that is not installed AND cannot be fetched (no apt mirror) is a reason to skip.
 */
export async function installedOrSkipReason(spec: LocalTargetSpec): Promise<string | undefined> {
  if (isInstalled(spec)) return undefined;
  try {
    await installTarget(spec);
    return undefined;
  } catch (err) {
    return `${spec.name} is not installed in .targets/${spec.name} and could not be installed (apt unreachable?): ${(err as Error).message}`;
  }
}

/** The started target is registered with its port, and its process group runs. */
export function expectRegisteredAndRunning(t: RunningLocalTarget): RegistryEntry {
  const entry = listRegistered().find((e) => e.id === t.id);
  expect(entry?.port).toBe(t.port);
  expect(groupAlive(entry!.pgid)).toBe(true);
  return entry!;
}

/** stop() leaves nothing behind: no process of the group, no registry entry, no run folder. */
export async function expectStopLeavesNothing(t: RunningLocalTarget, entry: RegistryEntry): Promise<void> {
  await t.stop();
  expect(groupAlive(entry.pgid)).toBe(false);
  expect(listRegistered().some((e) => e.id === t.id)).toBe(false);
  expect(existsSync(t.runDir)).toBe(false);
}
