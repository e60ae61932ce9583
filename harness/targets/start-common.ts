import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chown, copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { TargetCredentials, TargetRelayRoutes } from './types.js';

// What every way of starting a target shares: on this host (local.ts), in a container
// (docker/start.ts) and rendered for docker-compose.yml (cli/compose-render.ts).

/** The test account's user name on every target; the password is random per start. */
const TARGET_AUTH_USER = 'smtpspectester';

export function newTestAccount(): TargetCredentials {
  return { user: TARGET_AUTH_USER, pass: randomBytes(12).toString('hex') };
}

/**
 * Until a sink is given, the sink's domains route to a loopback port where nothing listens:
 * relayed mail waits in the queue and is removed with the run folder.
 */
export const PLACEHOLDER_ROUTES: TargetRelayRoutes = { 'sink.test': 9, 'bounce.test': 9 };

/** A start's id (postfix-m1x2y3-ab12cd, what `targets stop ID` takes) and its run folder under base (run-m1x2y3-ab12cd). */
export function newStart(name: string, base: string): { id: string; runDir: string } {
  const suffix = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  return { id: `${name}-${suffix}`, runDir: path.join(base, `run-${suffix}`) };
}

/** Makes the run folder's log/ and tls/, with the target's certificate and key copied in and owned by the server's user. */
export async function runFolderWithCertificate(runDir: string, source: { cert: string; key: string }, owner: { uid: number; gid: number }): Promise<{ cert: string; key: string }> {
  await mkdir(path.join(runDir, 'log'), { recursive: true });
  await mkdir(path.join(runDir, 'tls'));
  const tls = { cert: path.join(runDir, 'tls/cert.pem'), key: path.join(runDir, 'tls/key.pem') };
  await copyFile(source.cert, tls.cert);
  await copyFile(source.key, tls.key);
  for (const f of [tls.cert, tls.key, path.join(runDir, 'tls')]) await chown(f, owner.uid, owner.gid);
  return tls;
}

/** The last lines of a server's log file, for an error message; '' when there is none. */
export function tailOfFile(file: string, lines = 15): string {
  try {
    return tailOfText(readFileSync(file, 'utf8'), lines);
  } catch {
    return '';
  }
}

export function tailOfText(text: string, lines = 15): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
