#!/usr/bin/env node
// Prints how long each real target takes to install and to start (launch to its 220 greeting),
// locally (unpacked Debian packages) and as a container. A benchmark, not a test: run it by hand
// after `npm run build`, as root, with the targets installable and (for containers) a Docker engine:
//
//   node scripts/bench-targets.mjs [--starts N] [--reinstall] [--no-docker] [names...]
//
// --reinstall times `targets install --force` (downloads from the apt mirror); without it the
// install column shows the time of an install that finds everything in place. Images already
// built are reused; the build time printed is that of this run (0 when the image existed).
import { performance } from 'node:perf_hooks';
import { localTargets, findLocalTarget } from '../dist/fixtures/targets/index.js';
import { installTarget } from '../dist/harness/targets/install.js';
import { startLocalTarget } from '../dist/harness/targets/local.js';
import { startDockerTarget } from '../dist/harness/targets/docker/start.js';
import { dockerfileOf } from '../dist/cli/docker-target.js';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const startsIndex = args.indexOf('--starts');
const starts = startsIndex === -1 ? 3 : Number(args[startsIndex + 1]);
if (!Number.isInteger(starts) || starts < 1) {
  console.error('bench-targets: --starts needs a positive whole number');
  process.exit(2);
}
const names = args.filter((a, i) => !a.startsWith('--') && i !== startsIndex + 1);
const specs = names.length === 0 ? localTargets : names.map((n) => findLocalTarget(n) ?? (console.error(`bench-targets: unknown target "${n}"`), process.exit(2)));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const range = (xs) => `${fmt(median(xs))} (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})`;

console.log(`target      install     local start→220 (median of ${starts}, min–max)   image build   container start→220 (median of ${starts}, min–max)`);
for (const spec of specs) {
  const t0 = performance.now();
  await installTarget(spec, { force: flag('--reinstall') });
  const install = performance.now() - t0;

  const local = [];
  for (let i = 0; i < starts; i++) {
    const t = await startLocalTarget(spec);
    local.push(t.startMs);
    await t.stop();
  }

  let build = '-';
  const container = [];
  if (!flag('--no-docker')) {
    for (let i = 0; i < starts; i++) {
      const t = await startDockerTarget(spec, dockerfileOf(spec));
      if (i === 0) build = fmt(t.buildMs);
      container.push(t.startMs);
      await t.stop();
    }
  }
  console.log(
    `${spec.name.padEnd(11)} ${fmt(install).padEnd(11)} ${range(local).padEnd(47)} ${build.padEnd(13)} ${container.length ? range(container) : '-'}`,
  );
}
