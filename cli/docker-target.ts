import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../harness/targets/paths.js';
import type { LocalTargetSpec } from '../harness/targets/types.js';
import { findLocalTarget, localTargets } from '../fixtures/targets/index.js';
import { asTargetRun, type LocalTargetRun } from './local-target.js';
import { UsageError } from './usage.js';

// `--target docker:postfix`: a local target's fixture run in a container of its own image. A
// fixture is a docker target as soon as fixtures/targets/<name>/Dockerfile exists: adding one is
// that file (its prepare() must reach users and tools through harness/targets/target-context.ts).

export const DOCKER_PREFIX = 'docker:';

export function dockerfileOf(spec: LocalTargetSpec): string {
  return path.join(projectRoot(), 'fixtures/targets', spec.name, 'Dockerfile');
}

/** The local targets that have a Dockerfile. */
export function dockerTargetNames(): string[] {
  return localTargets.filter((t) => existsSync(dockerfileOf(t))).map((t) => t.name);
}

export function isDockerTargetName(name: string): boolean {
  return name.startsWith(DOCKER_PREFIX);
}

/** The fixture of `docker:NAME`; a name without a fixture or a Dockerfile is a usage error (exit 2). */
export function dockerTargetSpec(name: string): LocalTargetSpec {
  const bare = name.startsWith(DOCKER_PREFIX) ? name.slice(DOCKER_PREFIX.length) : name;
  const spec = findLocalTarget(bare);
  if (spec === undefined || !existsSync(dockerfileOf(spec))) throw new UsageError(`unknown docker target "${name}" (known: ${dockerTargetNames().map((n) => DOCKER_PREFIX + n).join(', ')})`);
  return spec;
}

/** Builds the image when missing, starts the container on a free 127.0.0.1 port; the caller must stop() it. */
export async function startDockerTargetByName(name: string, opts: { relayRoutes?: Readonly<Record<string, number>>; log?: (line: string) => void } = {}): Promise<LocalTargetRun & { buildMs: number }> {
  const spec = dockerTargetSpec(name);
  const { startDockerTarget } = await import('../harness/targets/docker/start.js');
  const t = await startDockerTarget(spec, dockerfileOf(spec), opts);
  return { ...asTargetRun(`${DOCKER_PREFIX}${spec.name}`, t), buildMs: t.buildMs };
}

/**
 * For `run`: the started container, or why it could not start as one line (plus the server's
 * own log lines when it started and died): no engine, a failed image build, no greeting. A bad
 * name stays a UsageError (exit 2).
 */
export async function startDockerTargetForRun(name: string, opts: { relayRoutes?: Readonly<Record<string, number>> }, err: NodeJS.WritableStream): Promise<LocalTargetRun | string> {
  dockerTargetSpec(name);
  try {
    return await startDockerTargetByName(name, { ...opts, log: (line) => err.write(`smtpspec: ${name}: ${line} (once per Dockerfile change)\n`) });
  } catch (e) {
    return `${name} did not start: ${(e as Error).message}`;
  }
}
