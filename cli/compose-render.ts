import { rm } from 'node:fs/promises';
import path from 'node:path';
import { requireDocker, docker } from '../harness/targets/docker/engine.js';
import { ensureTargetImage } from '../harness/targets/docker/image.js';
import { prepareContainerRun } from '../harness/targets/docker/run-folder.js';
import { newTestAccount } from '../harness/targets/start-common.js';
import { PROFILE_NAMES, PROFILES } from '../harness/sink/profiles.js';
import { dockerfileOf, dockerTargetNames, dockerTargetSpec } from './docker-target.js';
import { UsageError } from './usage.js';

// `smtpspec targets compose [names]`: what docker-compose.yml's target services run. A compose
// service cannot render a configuration (the images have no Node), so this renders each target's
// run folder with the fixture's prepare() — the same code and templates as `run --target docker:…`
// — into the folder the compose file bind-mounts, and tags the image the compose file names.

/** The compose file's default ports (SMTPSPEC_<NAME>_PORT overrides); a new target takes the next one. */
const COMPOSE_PORTS: Readonly<Record<string, number>> = { postfix: 2525, exim: 2526, opensmtpd: 2527, sendmail: 2528 };
const COMPOSE_SINK_PORTS = 2600;
const DEFAULT_COMPOSE_DIR = '/tmp/smtpspec-compose';

function portFrom(env: NodeJS.ProcessEnv, variable: string, fallback: number | undefined): number {
  const text = env[variable];
  if (text === undefined || text === '') {
    if (fallback === undefined) throw new UsageError(`${variable} is not set and the target has no default port in docker-compose.yml`);
    return fallback;
  }
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 65535) throw new UsageError(`${variable} must be a port number, not "${text}"`);
  return Number(text);
}

export async function composeRender(names: readonly string[], out: NodeJS.WritableStream, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const specs = (names.length === 0 ? dockerTargetNames() : names).map((n) => dockerTargetSpec(n));
  const dir = env.SMTPSPEC_COMPOSE_DIR || DEFAULT_COMPOSE_DIR;
  if (!path.isAbsolute(dir)) throw new UsageError(`SMTPSPEC_COMPOSE_DIR must be an absolute path (the container sees the run folder at the same path), not "${dir}"`);
  const sinkBase = portFrom(env, 'SMTPSPEC_SINK_PORTS', COMPOSE_SINK_PORTS);
  const relayRoutes = Object.fromEntries(PROFILE_NAMES.map((p, i) => [PROFILES[p].domain, sinkBase + i]));
  // Read before anything is built: a bad port is a usage error, not a half-rendered folder.
  const ports = specs.map((spec) => portFrom(env, `SMTPSPEC_${spec.name.toUpperCase()}_PORT`, COMPOSE_PORTS[spec.name]));
  await requireDocker();
  for (const [i, spec] of specs.entries()) {
    const port = ports[i]!;
    const image = await ensureTargetImage(spec.name, dockerfileOf(spec), (line) => out.write(`${spec.name}: ${line}\n`));
    const composeTag = `smtpspec/${spec.name}:compose`;
    const tagged = await docker(['tag', image.tag, composeTag]);
    if (tagged.code !== 0) throw new Error(`docker tag ${image.tag} ${composeTag} failed: ${tagged.stderr.trim()}`);
    const runDir = path.join(dir, spec.name);
    await rm(runDir, { recursive: true, force: true });
    const credentials = newTestAccount();
    const prepared = await prepareContainerRun({ spec, tag: image.tag, runDir, port, relayRoutes, credentials, labels: {} }, env);
    const extra = prepared.binds.filter((b) => b.source !== runDir && b.target !== '/etc/resolv.conf');
    out.write(`${spec.name}: ${runDir} rendered for 127.0.0.1:${port} (${composeTag}); relays the sink domains to 127.0.0.1:${sinkBase}..${sinkBase + PROFILE_NAMES.length - 1}\n`);
    out.write(`${spec.name}:   mailbox ${spec.mailbox}; AUTH ${credentials.user} / ${credentials.pass}\n`);
    if (extra.length > 0) out.write(`${spec.name}:   its service in docker-compose.yml also mounts: ${extra.map((b) => `${b.source}:${b.target}${b.readOnly ? ':ro' : ''}`).join(', ')}\n`);
  }
  out.write(`Next: docker-compose up -d ${specs.map((s) => s.name).join(' ')}   (then e.g. smtpspec run --target smtp://127.0.0.1:${ports[0]} --rcpt ${specs[0]!.mailbox} --sink --sink-ports ${sinkBase})\n`);
  return 0;
}
