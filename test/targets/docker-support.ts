import { execFile } from 'node:child_process';
import path from 'node:path';
import { dockerUnavailableReason, imageExists } from '../../harness/targets/docker/engine.js';
import { ROOT } from '../support/cli.js';

/**
 * Why the container tests cannot run here, or undefined to go on. Only a machine where no docker
 * engine answers is a reason to skip, and not even that with SMTPSPEC_REQUIRE_DOCKER=1 (CI sets
 * it): then the test fails with the reason. A missing base image is built, as CI does.
 */
export async function dockerOrSkipReason(): Promise<string | undefined> {
  const why = await dockerUnavailableReason();
  if (why !== undefined) {
    if (process.env.SMTPSPEC_REQUIRE_DOCKER === '1') throw new Error(`SMTPSPEC_REQUIRE_DOCKER=1 but ${why}`);
    return `${why}; the container tests need one (CI starts dockerd in .ci/run)`;
  }
  if (!(await imageExists('debian:bookworm-slim'))) {
    await new Promise<void>((resolve, reject) =>
      execFile('bash', [path.join(ROOT, 'scripts/build-base-image.sh')], { timeout: 600_000 }, (err, _out, stderr) => (err ? reject(new Error(`scripts/build-base-image.sh failed: ${stderr.trim()}`)) : resolve())),
    );
  }
  return undefined;
}
