import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The project's root: the nearest folder above this module whose package.json is smtpspec's. */
export function projectRoot(): string {
  let dir = import.meta.dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'smtpspec') return dir;
      } catch {
        // not ours; keep looking
      }
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the smtpspec project folder above ' + import.meta.dirname);
    dir = up;
  }
}

const TRIPLETS: Record<string, string> = { x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu' };

/** Debian's multiarch folder name for this machine's libraries (usr/lib/<it>), e.g. x86_64-linux-gnu. */
export const MULTIARCH = TRIPLETS[process.arch] ?? `${process.arch}-linux-gnu`;

/** The ignored folder that holds the unpacked servers and their runs (SMTPSPEC_TARGETS_DIR overrides). */
export function targetsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SMTPSPEC_TARGETS_DIR ?? path.join(projectRoot(), '.targets');
}

export interface TargetPaths {
  readonly base: string;
  readonly root: string;
  readonly debs: string;
  readonly tls: string;
  readonly manifest: string;
}

export function targetPaths(name: string, env: NodeJS.ProcessEnv = process.env): TargetPaths {
  const base = path.join(targetsDir(env), name);
  return { base, root: path.join(base, 'root'), debs: path.join(base, 'debs'), tls: path.join(base, 'tls'), manifest: path.join(base, 'installed.json') };
}

/** Where the registry of running targets lives: one JSON file per running server. */
export function registryDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(targetsDir(env), 'running');
}
