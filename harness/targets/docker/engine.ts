import { run, type ExecResult } from '../exec.js';

// The docker command line, for what testcontainers does not do here: building with host
// networking, listing and removing containers by label, one-shot tool runs. Never throws for a
// failed command except through DockerUnavailable, which callers turn into one clear line.

/** The engine does not answer (not installed, not started, no permission): nothing can start. */
export class DockerUnavailable extends Error {}

/** An image could not be built: the tail of docker build's output says why. */
export class ImageBuildFailed extends Error {}

export function docker(args: readonly string[], opts: { input?: string; timeoutMs?: number } = {}): Promise<ExecResult> {
  return run('docker', args, { timeoutMs: opts.timeoutMs ?? 120_000, ...(opts.input !== undefined ? { input: opts.input } : {}) });
}

let answered: Promise<string | undefined> | undefined;

/** Why no docker engine answers, or undefined when one does (asked once per process). */
export function dockerUnavailableReason(): Promise<string | undefined> {
  answered ??= docker(['version', '--format', '{{.Server.Version}}'], { timeoutMs: 15_000 }).then((r) => {
    if (r.code === 0 && r.stdout.trim() !== '') return undefined;
    if (r.code === 127 && /ENOENT|not found/i.test(r.stderr)) return 'the docker command is not installed';
    const why = (r.stderr || r.stdout).trim().split('\n').filter((l) => l.trim() !== '').at(-1) ?? `docker version exited ${r.code}`;
    return `no docker engine answers (${why})`;
  });
  return answered;
}

export async function requireDocker(): Promise<void> {
  const why = await dockerUnavailableReason();
  if (why !== undefined) throw new DockerUnavailable(why);
}

export async function imageExists(tag: string): Promise<boolean> {
  return (await docker(['image', 'inspect', '--format', '{{.Id}}', tag])).code === 0;
}

/**
 * `docker build --network host --force-rm`: apt inside the build reaches the mirror through the
 * host's network (there is no bridge), and a failed step leaves no container behind. The
 * Dockerfile comes on stdin with no context: target Dockerfiles copy nothing.
 */
export async function buildImage(tag: string, dockerfile: string, labels: Readonly<Record<string, string>>): Promise<void> {
  const args = ['build', '--network', 'host', '--force-rm', '--quiet', '--tag', tag, ...Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]), '-'];
  const r = await docker(args, { input: dockerfile, timeoutMs: 1_800_000 });
  if (r.code !== 0) {
    const tail = (r.stderr || r.stdout).trim().split('\n').filter((l) => l.trim() !== '' && !/legacy builder is deprecated|buildx|BuildKit/i.test(l)).slice(-4).join(' / ');
    throw new ImageBuildFailed(`docker build of ${tag} failed: ${tail}`);
  }
}

/** Ids of the containers (running or not) that carry every label given ("key" or "key=value"). */
export async function containersWithLabels(labels: readonly string[]): Promise<string[]> {
  const r = await docker(['ps', '--all', '--quiet', '--no-trunc', ...labels.flatMap((l) => ['--filter', `label=${l}`])], { timeoutMs: 15_000 });
  return r.code === 0 ? r.stdout.split('\n').map((l) => l.trim()).filter((l) => l !== '') : [];
}

export interface ContainerState {
  readonly id: string;
  readonly running: boolean;
  readonly labels: Readonly<Record<string, string>>;
}

export async function inspectContainers(ids: readonly string[]): Promise<ContainerState[]> {
  if (ids.length === 0) return [];
  const r = await docker(['inspect', '--type', 'container', ...ids], { timeoutMs: 15_000 });
  if (r.code !== 0 && r.stdout.trim() === '') return [];
  try {
    const parsed = JSON.parse(r.stdout) as { Id: string; State: { Running: boolean }; Config: { Labels: Record<string, string> | null } }[];
    return parsed.map((c) => ({ id: c.Id, running: c.State.Running, labels: c.Config.Labels ?? {} }));
  } catch {
    return [];
  }
}

/** Stops (SIGTERM, SIGKILL after graceSeconds) and removes a container; gone already is fine. */
export async function removeContainer(id: string, graceSeconds = 5): Promise<'removed' | 'gone'> {
  await docker(['stop', '--time', String(graceSeconds), id], { timeoutMs: (graceSeconds + 30) * 1000 });
  const r = await docker(['rm', '--force', '--volumes', id], { timeoutMs: 30_000 });
  return r.code === 0 ? 'removed' : 'gone';
}
