import { isOrphan, listTargetContainers, stopTargetContainer, type TargetContainer } from '../harness/targets/docker/containers.js';
import { requireDocker } from '../harness/targets/docker/engine.js';
import { ensureTargetImage } from '../harness/targets/docker/image.js';
import { DOCKER_PREFIX, dockerfileOf, dockerTargetNames, dockerTargetSpec } from './docker-target.js';

// The container half of `smtpspec targets status|stop`: containers are found by their labels
// (harness/targets/docker/labels.ts), so a container of a run that was killed is listed and stopped too.

/** Whether a `targets status|stop` argument names containers: docker:NAME, or a container start's id. */
export function namesContainers(arg: string, containers: readonly TargetContainer[]): boolean {
  return arg.startsWith(DOCKER_PREFIX) || containers.some((c) => c.id === arg || c.containerId.startsWith(arg));
}

function selected(c: TargetContainer, names: readonly string[]): boolean {
  return names.length === 0 || names.some((n) => n === `${DOCKER_PREFIX}${c.name}` || n === c.id || (n.length >= 12 && c.containerId.startsWith(n)));
}

export async function writeContainerStatus(names: readonly string[], out: NodeJS.WritableStream): Promise<TargetContainer[]> {
  const containers = (await listTargetContainers()).filter((c) => !c.tool && selected(c, names));
  if (containers.length > 0) out.write('Containers:\n');
  for (const c of containers) {
    const owner = isOrphan(c) ? `orphaned (pid ${c.ownerPid} is gone; "smtpspec targets stop" ends it)` : `started by pid ${c.ownerPid}`;
    out.write(`  ${c.id.padEnd(24)} ${`${DOCKER_PREFIX}${c.name}`.padEnd(16)} 127.0.0.1:${c.port}  container ${c.containerId.slice(0, 12)}  ${c.running ? 'running' : 'exited'}  since ${c.startedAt}  ${owner}\n`);
  }
  return containers;
}

/** Stops the selected containers (all of smtpspec's, tools included, when no name is given); returns how many. */
export async function stopContainers(names: readonly string[], out: NodeJS.WritableStream): Promise<number> {
  const containers = (await listTargetContainers()).filter((c) => selected(c, names));
  for (const c of containers) out.write(`${DOCKER_PREFIX}${c.name}: 127.0.0.1:${c.port} container ${c.containerId.slice(0, 12)} ${await stopTargetContainer(c)}\n`);
  return containers.length;
}

/** `smtpspec targets build [docker:NAME|NAME …]`: each target's image, built when its tag is missing. */
export async function buildImages(names: readonly string[], out: NodeJS.WritableStream): Promise<number> {
  const specs = (names.length === 0 ? dockerTargetNames() : names).map((n) => dockerTargetSpec(n));
  await requireDocker();
  for (const spec of specs) {
    const image = await ensureTargetImage(spec.name, dockerfileOf(spec), (line) => out.write(`${DOCKER_PREFIX}${spec.name}: ${line}\n`));
    out.write(`${DOCKER_PREFIX}${spec.name}: ${image.tag} ${image.built ? `built in ${(image.buildMs / 1000).toFixed(1)} s` : 'exists'}\n`);
  }
  return 0;
}
