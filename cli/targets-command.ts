import { groupAlive } from '../harness/targets/process.js';
import { installTarget, readManifest } from '../harness/targets/install.js';
import { stopRegistered } from '../harness/targets/local.js';
import { listRegistered, ownerAlive } from '../harness/targets/registry.js';
import { findLocalTarget, localTargets } from '../fixtures/targets/index.js';
import type { LocalTargetSpec } from '../harness/targets/types.js';
import { UsageError } from './usage.js';
import { buildImages, namesContainers, stopContainers, writeContainerStatus } from './docker-targets-command.js';
import { listTargetContainers } from '../harness/targets/docker/containers.js';

interface Io {
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
}

function specsNamed(names: readonly string[]): LocalTargetSpec[] {
  if (names.length === 0) return [...localTargets];
  return names.map((n) => {
    const spec = findLocalTarget(n);
    if (spec === undefined) throw new UsageError(`unknown target "${n}"; local targets: ${localTargets.map((t) => t.name).join(', ')}`);
    return spec;
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** `smtpspec targets install [names] [--force] | status [names] | stop [names or ids]`. */
export async function targetsCommand(args: readonly string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  const force = rest.includes('--force');
  const bad = rest.find((a) => a.startsWith('-') && a !== '--force');
  if (bad !== undefined || (force && sub !== 'install')) throw new UsageError(`targets ${sub ?? ''}: unknown option "${bad ?? '--force'}"`);
  const names = rest.filter((a) => !a.startsWith('-'));
  switch (sub) {
    case 'install': {
      for (const spec of specsNamed(names)) {
        io.out.write(`${spec.name}: installing ${spec.title}\n`);
        const m = await installTarget(spec, { force, log: (line) => io.out.write(`${spec.name}:   ${line}\n`) });
        const versions = m.packages.map((p) => `${p.name} ${p.version}`).join(', ');
        io.out.write(m.alreadyInstalled ? `${spec.name}: already installed (${versions}); --force reinstalls\n` : `${spec.name}: installed in ${seconds(m.durationMs)} (${versions})\n`);
      }
      return 0;
    }
    case 'build':
      // The container images of docker:NAME targets (built on first use otherwise).
      return buildImages(names, io.out);
    case 'compose':
      // The run folders docker-compose.yml's target services bind-mount.
      return (await import('./compose-render.js')).composeRender(names, io.out);
    case 'status': {
      // docker:NAME (or a container start's id) asks for containers only.
      const containers = names.length > 0 ? await listTargetContainers() : [];
      const localNames = names.filter((n) => !namesContainers(n, containers));
      const specs = names.length > 0 && localNames.length === 0 ? [] : specsNamed(localNames);
      for (const spec of specs) {
        const m = await readManifest(spec);
        const pkg = m?.packages.find((p) => p.name === spec.packages[0]);
        io.out.write(`${spec.name.padEnd(8)} ${m ? `installed (${spec.packages[0]} ${pkg?.version ?? '?'}, ${m.installedAt})` : 'not installed'}\n`);
      }
      const running = listRegistered().filter((e) => names.length === 0 || names.includes(e.name));
      io.out.write(running.length === 0 ? 'No local target is running.\n' : 'Running:\n');
      for (const e of running) {
        const state = groupAlive(e.pgid) ? 'running' : 'exited';
        const owner = ownerAlive(e) ? `started by pid ${e.ownerPid}` : `orphaned (pid ${e.ownerPid} is gone; "smtpspec targets stop" ends it)`;
        io.out.write(`  ${e.id.padEnd(24)} 127.0.0.1:${e.port}  pgid ${e.pgid}  ${state}  since ${e.startedAt}  ${owner}\n`);
      }
      await writeContainerStatus(names, io.out);
      return 0;
    }
    case 'stop': {
      // A name stops every running server of that target; an id (from `targets status`) just that one.
      const registered = listRegistered();
      const containers = await listTargetContainers();
      specsNamed(names.filter((n) => !registered.some((e) => e.id === n) && !namesContainers(n, containers)));
      const running = registered.filter((e) => names.length === 0 || names.includes(e.name) || names.includes(e.id));
      const stoppedContainers = await stopContainers(names, io.out);
      if (running.length === 0 && stoppedContainers === 0) io.out.write('No local target is running.\n');
      for (const e of running) io.out.write(`${e.name}: 127.0.0.1:${e.port} ${await stopRegistered(e)}\n`);
      return 0;
    }
    default:
      throw new UsageError(sub === undefined ? 'targets needs a subcommand: install, build, compose, status or stop' : `unknown targets subcommand "${sub}" (install, build, compose, status, stop)`);
  }
}
