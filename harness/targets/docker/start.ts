import { rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { freeLoopbackPort } from '../ports.js';
import { newStart, newTestAccount, PLACEHOLDER_ROUTES, tailOfFile, tailOfText } from '../start-common.js';
import type { LocalTargetSpec, TargetCredentials, TargetRelayRoutes } from '../types.js';
import { stopTargetContainer, sweepOrphanContainers, trackContainer } from './containers.js';
import { containersWithLabels, removeContainer, requireDocker } from './engine.js';
import { GreetingWaitStrategy } from './greeting-wait.js';
import { ensureTargetImage } from './image.js';
import { LABEL } from './labels.js';
import { dockerTargetDir, prepareContainerRun } from './run-folder.js';

// A target in a container: the image built from fixtures/targets/<name>/Dockerfile, started with
// testcontainers on the host's network (no bridge exists here: the server binds 127.0.0.1 on a free
// port like the local targets), its configuration rendered by the fixture's prepare() into a
// bind-mounted run folder (run-folder.ts), ready when its 220 greeting arrives.

export const CONTAINER_HOST = '127.0.0.1';

export interface DockerStartOptions {
  readonly relayRoutes?: TargetRelayRoutes;
  readonly greetingTimeoutMs?: number;
  /** Progress lines (an image build takes a while). */
  readonly log?: (line: string) => void;
  readonly env?: NodeJS.ProcessEnv;
}

export interface RunningDockerTarget {
  readonly id: string;
  readonly name: string;
  readonly containerId: string;
  readonly image: string;
  readonly host: typeof CONTAINER_HOST;
  readonly port: number;
  readonly mailbox: string;
  readonly credentials: TargetCredentials;
  readonly greeting: string;
  /** From creating the container to its 220 greeting. */
  readonly startMs: number;
  /** Building the image, when this start had to (0: it existed). */
  readonly buildMs: number;
  readonly runDir: string;
  /** Stops (SIGTERM, SIGKILL after 5 s) and removes the container, then removes the run folder. */
  stop(): Promise<void>;
}

/**
 * testcontainers is told where the engine is before it is loaded: no reaper (its image cannot be
 * pulled; containers.ts sweeps instead) and 127.0.0.1 as the containers' host (without it,
 * inside a container of its own it looks for a bridge network and finds none). A user's settings win.
 */
async function loadTestcontainers(): Promise<typeof import('testcontainers')> {
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
  process.env.TESTCONTAINERS_HOST_OVERRIDE ??= CONTAINER_HOST;
  return import('testcontainers');
}

/** Builds the image if needed, starts the container and waits for its 220 greeting. */
export async function startDockerTarget(spec: LocalTargetSpec, dockerfile: string, opts: DockerStartOptions = {}): Promise<RunningDockerTarget> {
  const env = opts.env ?? process.env;
  await requireDocker();
  await sweepOrphanContainers(env);
  const image = await ensureTargetImage(spec.name, dockerfile, opts.log);

  const { id, runDir } = newStart(spec.name, dockerTargetDir(spec.name, env));
  await mkdir(runDir, { recursive: true });
  const port = await freeLoopbackPort();
  const credentials = newTestAccount();
  const labels = { [LABEL.target]: spec.name, [LABEL.id]: id, [LABEL.port]: String(port), [LABEL.runDir]: runDir, [LABEL.ownerPid]: String(process.pid), [LABEL.startedAt]: new Date().toISOString() };

  let prepared: Awaited<ReturnType<typeof prepareContainerRun>>;
  try {
    prepared = await prepareContainerRun({ spec, tag: image.tag, runDir, port, relayRoutes: opts.relayRoutes ?? PLACEHOLDER_ROUTES, credentials, labels }, env);
  } catch (err) {
    rmSync(runDir, { recursive: true, force: true });
    throw err;
  }

  const { GenericContainer } = await loadTestcontainers();
  const output: string[] = [];
  const started = Date.now();
  const wait = new GreetingWaitStrategy(CONTAINER_HOST, port, opts.greetingTimeoutMs ?? 30_000);
  let container;
  try {
    container = await new GenericContainer(image.tag)
      .withNetworkMode('host')
      .withLabels(labels)
      .withBindMounts(prepared.binds.map((b) => ({ source: b.source, target: b.target, mode: b.readOnly ? 'ro' as const : 'rw' as const })))
      .withCommand(['/bin/sh', prepared.launchScript])
      .withLogConsumer((stream: Readable) => stream.on('data', (d: Buffer | string) => output.push(String(d))))
      .withWaitStrategy(wait)
      .start();
  } catch (err) {
    // testcontainers removes the container when the wait fails; one that failed earlier goes here.
    for (const leftover of await containersWithLabels([`${LABEL.id}=${id}`])) await removeContainer(leftover, 0);
    const why = [tailOfText(output.join('')), ...prepared.logFiles.map((f) => tailOfFile(f))].filter((t) => t !== '').join('\n');
    if (!env.SMTPSPEC_KEEP_RUNS) rmSync(runDir, { recursive: true, force: true });
    throw new Error(`${spec.name} (docker): ${(err as Error).message}${why ? `\n${why}` : ''}`);
  }
  const startMs = Date.now() - started;
  const handle = { containerId: container.getId(), runDir };
  trackContainer(handle);
  let stopped: Promise<void> | undefined;
  return {
    id,
    name: spec.name,
    containerId: handle.containerId,
    image: image.tag,
    host: CONTAINER_HOST,
    port,
    mailbox: spec.mailbox,
    credentials,
    greeting: wait.greeting,
    startMs,
    buildMs: image.buildMs,
    runDir,
    stop: () => (stopped ??= stopTargetContainer(handle, env).then(() => undefined)),
  };
}
