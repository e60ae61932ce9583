import { plainEndpoint, type Endpoint } from '../harness/target.js';
import type { RunningDockerTarget } from '../harness/targets/docker/start.js';
import { startLocalTarget, type RunningLocalTarget, type StartOptions } from '../harness/targets/local.js';
import { findLocalTarget, localTargets } from '../fixtures/targets/index.js';

/** What `run --target postfix|exim` needs from a started local server. */
export interface LocalTargetRun {
  readonly endpoint: Endpoint;
  readonly rcpt: string;
  readonly credentials: { user: string; pass: string };
  /** SMTP greeting and time to it, for the report's reader. */
  readonly greeting: string;
  readonly startMs: number;
  stop(): Promise<void>;
}

/** The started server (local or in a container) as `run` sees it, under the name its report shows. */
export function asTargetRun(name: string, t: RunningLocalTarget | RunningDockerTarget): LocalTargetRun {
  return {
    endpoint: plainEndpoint(name, t),
    rcpt: t.mailbox,
    credentials: t.credentials,
    greeting: t.greeting,
    startMs: t.startMs,
    stop: t.stop,
  };
}

export function isLocalTargetName(name: string): boolean {
  return findLocalTarget(name) !== undefined;
}

export const LOCAL_TARGET_NAMES = localTargets.map((t) => t.name);

/** Starts the installed server named `name` on a free 127.0.0.1 port; the caller must stop() it. */
export async function startLocalTargetByName(name: string, opts: StartOptions = {}): Promise<LocalTargetRun> {
  const spec = findLocalTarget(name);
  if (spec === undefined) throw new Error(`unknown local target "${name}" (known: ${LOCAL_TARGET_NAMES.join(', ')})`);
  return asTargetRun(spec.name, await startLocalTarget(spec, opts));
}
