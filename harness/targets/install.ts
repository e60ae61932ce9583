import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { aptUpdate, debInfo, directDependencies, downloadPackages, hasCandidate, installedPackages, unpackDeb } from './apt.js';
import { targetPaths } from './paths.js';
import { writeSelfSignedCertificate } from './tls.js';
import type { LocalTargetSpec } from './types.js';
import { ensureGroups, ensureUsers } from './users.js';

export interface InstallManifest {
  readonly name: string;
  readonly installedAt: string;
  readonly durationMs: number;
  readonly packages: readonly { name: string; version: string }[];
  /** System users and groups this install created (empty when they existed). */
  readonly created: readonly string[];
}

export function isInstalled(spec: LocalTargetSpec, env: NodeJS.ProcessEnv = process.env): boolean {
  return existsSync(targetPaths(spec.name, env).manifest);
}

export async function readManifest(spec: LocalTargetSpec, env: NodeJS.ProcessEnv = process.env): Promise<InstallManifest | undefined> {
  try {
    return JSON.parse(await readFile(targetPaths(spec.name, env).manifest, 'utf8')) as InstallManifest;
  } catch {
    return undefined;
  }
}

/**
 * The packages to fetch: the target's own, the run-time plugins the system lacks, and, followed
 * recursively, every shared library (lib*) among their dependencies that the system lacks. Other
 * dependencies (adduser, debconf, cron …) serve maintainer scripts that never run here.
 */
async function packagesToFetch(spec: LocalTargetSpec): Promise<string[]> {
  const missing = async (names: readonly string[]) => {
    const have = await installedPackages(names);
    return names.filter((n) => !have.has(n));
  };
  const wanted = new Set<string>([...spec.packages, ...(await missing(spec.ifMissing ?? []))]);
  let frontier = [...wanted];
  while (frontier.length > 0) {
    const deps = await directDependencies(frontier);
    const libs = [...new Set([...deps.values()].flat())].filter((d) => d.startsWith('lib') && !wanted.has(d));
    frontier = await missing(libs);
    for (const d of frontier) wanted.add(d);
  }
  return [...wanted];
}

/** `smtpspec targets install NAME`: download, unpack, fix up, create users, make a certificate. */
export async function installTarget(spec: LocalTargetSpec, opts: { force?: boolean; log?: (line: string) => void; env?: NodeJS.ProcessEnv } = {}): Promise<InstallManifest & { alreadyInstalled: boolean }> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? (() => {});
  const paths = targetPaths(spec.name, env);
  const existing = opts.force ? undefined : await readManifest(spec, env);
  if (existing) return { ...existing, alreadyInstalled: true };

  const started = Date.now();
  // A package list that was never fetched knows no candidates: update it once.
  if (!(await hasCandidate(spec.packages[0]!))) {
    log('apt-get update');
    await aptUpdate();
  }
  const names = await packagesToFetch(spec);
  log(`downloading ${names.join(', ')}`);
  await rm(paths.base, { recursive: true, force: true });
  await mkdir(paths.debs, { recursive: true });
  try {
    await downloadPackages(names, paths.debs);
  } catch {
    // Stale package lists name versions the mirror no longer has: refresh them once and retry.
    log('apt-get update (download failed)');
    await aptUpdate();
    await downloadPackages(names, paths.debs);
  }
  const packages: { name: string; version: string }[] = [];
  for (const deb of (await readdir(paths.debs)).filter((f) => f.endsWith('.deb')).sort()) {
    await unpackDeb(path.join(paths.debs, deb), paths.root);
    packages.push(await debInfo(path.join(paths.debs, deb)));
  }
  const created = [...(await ensureGroups(spec.groups ?? [])), ...(await ensureUsers(spec.users))];
  await spec.afterUnpack?.(paths.root);
  if (created.length > 0) log(`created ${created.join(', ')}`);
  await writeSelfSignedCertificate(paths.tls, spec.hostname);
  const manifest: InstallManifest = { name: spec.name, installedAt: new Date().toISOString(), durationMs: Date.now() - started, packages, created };
  await writeFile(paths.manifest, JSON.stringify(manifest, null, 2) + '\n');
  return { ...manifest, alreadyInstalled: false };
}
