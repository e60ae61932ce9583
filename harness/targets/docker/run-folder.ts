import { existsSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { shellWord } from '../exec.js';
import { targetsDir } from '../paths.js';
import { runFolderWithCertificate } from '../start-common.js';
import { writeSelfSignedCertificate } from '../tls.js';
import type { LocalTargetSpec, StartContext, TargetCredentials, TargetRelayRoutes } from '../types.js';
import { docker } from './engine.js';
import { imageUsers } from './image.js';
import { LABEL } from './labels.js';

/**
 * A container's run folder: the fixture's own prepare() renders its configuration (the same
 * templates as the local target) with ctx.root = '/' (the image's packages are installed where
 * Debian puts them) into a folder on this host, which the container gets bind-mounted at the SAME
 * path, so every absolute path in the configuration is right on both sides.
 *
 * Owners: prepare() chowns through ctx.userIds, which answers with the IMAGE's uid and gid (the
 * packages' postinst chose them at build; the host may not even have such a user). A bind mount
 * keeps numbers, so inside the container the files belong to the right users. This needs root on
 * the host, as the local targets do. Tools prepare() runs (saslpasswd2) run in a one-shot container
 * of the same image through ctx.runTool.
 */

/** Where containers' run folders and the docker targets' certificate live. */
export function dockerTargetDir(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(targetsDir(env), 'docker', name);
}

export interface PreparedRun {
  /** The script the container runs: the environment and the daemon's foreground command. */
  readonly launchScript: string;
  /** Host path → container path (equal for the run folder), and whether read-only. */
  readonly binds: readonly { source: string; target: string; readOnly: boolean }[];
  readonly logFiles: readonly string[];
}

export interface PrepareOptions {
  readonly spec: LocalTargetSpec;
  readonly tag: string;
  readonly runDir: string;
  readonly port: number;
  readonly relayRoutes: TargetRelayRoutes;
  readonly credentials: TargetCredentials;
  /** Extra labels for the one-shot tool containers (the start's id and owner). */
  readonly labels: Readonly<Record<string, string>>;
}

/** The certificate of every container of this target, made once (like `targets install` does). */
async function certificate(spec: LocalTargetSpec, env: NodeJS.ProcessEnv): Promise<{ cert: string; key: string }> {
  const dir = path.join(dockerTargetDir(spec.name, env), 'tls');
  const files = { cert: path.join(dir, 'cert.pem'), key: path.join(dir, 'key.pem') };
  if (existsSync(files.cert) && existsSync(files.key)) return files;
  return writeSelfSignedCertificate(dir, spec.hostname);
}

/** Renders the run folder with the fixture's prepare() and writes launch.sh; returns what the container needs. */
export async function prepareContainerRun(opts: PrepareOptions, env: NodeJS.ProcessEnv = process.env): Promise<PreparedRun> {
  const { spec, tag, runDir } = opts;
  const ids = await imageUsers(tag);
  const userIds = async (user: string) => {
    const u = ids.users.get(user);
    if (u === undefined) throw new Error(`${spec.name}: the image ${tag} has no user "${user}"`);
    return u;
  };
  const owner = await userIds(spec.runUser);
  const tls = await runFolderWithCertificate(runDir, await certificate(spec, env), owner);

  const runTool: NonNullable<StartContext['runTool']> = (command, args, toolOpts) =>
    docker(
      ['run', '--rm', '--interactive', '--network', 'host', '--label', `${LABEL.tool}=${path.basename(command)}`,
        ...Object.entries(opts.labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]),
        '--volume', `${runDir}:${runDir}`, ...Object.entries(toolOpts.env ?? {}).flatMap(([k, v]) => ['--env', `${k}=${v}`]),
        '--entrypoint', command, tag, ...args],
      { ...(toolOpts.input !== undefined ? { input: toolOpts.input } : {}), timeoutMs: 120_000 },
    );

  const launch = await spec.prepare({ root: '/', runDir, port: opts.port, relayRoutes: opts.relayRoutes, credentials: opts.credentials, tls, libraryPath: '', userIds, runTool });

  // A daemon that detaches names its foreground form; one already in the foreground runs as it is.
  if (launch.pidFile !== undefined && launch.foreground === undefined) throw new Error(`${spec.name}: the daemon detaches (pid file) and the fixture names no foreground command for a container`);
  const command = launch.foreground?.command ?? launch.command;
  const args = launch.foreground?.args ?? launch.args;

  const binds: { source: string; target: string; readOnly: boolean }[] = [{ source: runDir, target: runDir, readOnly: false }];
  for (const m of launch.namespace?.mounts ?? []) {
    if (m.source === m.target) continue; // the image's own file, already where it belongs
    if (m.source !== runDir && !m.source.startsWith(runDir + path.sep)) throw new Error(`${spec.name}: mount of ${m.source} on ${m.target}: a container can only be given files of its run folder`);
    binds.push({ source: m.source, target: m.target, readOnly: m.readOnly === true });
  }
  // No DNS query leaves the machine: the container's resolver knows only 127.0.0.1, where nothing answers.
  const resolvConf = path.join(runDir, 'resolv.conf');
  await writeFile(resolvConf, launch.namespace?.resolvConf ?? 'nameserver 127.0.0.1\n', { mode: 0o644 });
  binds.push({ source: resolvConf, target: '/etc/resolv.conf', readOnly: true });

  const launchScript = path.join(runDir, 'launch.sh');
  await writeFile(launchScript, [
    '#!/bin/sh',
    `# Generated by smtpspec (harness/targets/docker/run-folder.ts): ${spec.title} in the foreground, as the container's main process.`,
    `cd ${shellWord(runDir)} || exit 1`,
    `exec env -i ${Object.entries(launch.env).map(([k, v]) => shellWord(`${k}=${v}`)).join(' ')} ${[command, ...args].map(shellWord).join(' ')}`,
    '',
  ].join('\n'));
  await chmod(launchScript, 0o755);
  return { launchScript, binds, logFiles: launch.logFiles };
}
