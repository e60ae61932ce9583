import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { buildImage, docker, imageExists } from './engine.js';
import { LABEL } from './labels.js';

/**
 * A target's image: `smtpspec/<name>:<first 12 hex of the Dockerfile's SHA-256>`. A changed
 * Dockerfile is a new tag, so an old image is never run by mistake; an existing tag is not rebuilt.
 */
export interface TargetImage {
  readonly tag: string;
  /** Whether this call built it (false: it existed). */
  readonly built: boolean;
  readonly buildMs: number;
}

export function imageTag(name: string, dockerfileText: string): string {
  return `smtpspec/${name}:${createHash('sha256').update(dockerfileText).digest('hex').slice(0, 12)}`;
}

const building = new Map<string, Promise<TargetImage>>();

/** Builds the target's image from its Dockerfile when the tag is missing (once per process and tag). */
export async function ensureTargetImage(name: string, dockerfile: string, log: (line: string) => void = () => {}): Promise<TargetImage> {
  const text = await readFile(dockerfile, 'utf8');
  const tag = imageTag(name, text);
  let pending = building.get(tag);
  if (pending === undefined) {
    pending = (async () => {
      if (await imageExists(tag)) return { tag, built: false, buildMs: 0 };
      log(`building ${tag} from ${dockerfile}`);
      const started = Date.now();
      await buildImage(tag, text, { [LABEL.target]: name });
      return { tag, built: true, buildMs: Date.now() - started };
    })();
    building.set(tag, pending);
    pending.catch(() => building.delete(tag));
  }
  return pending;
}

/** The image's users and groups as `getent` lists them inside it: name → uid and primary gid. */
export interface ImageUsers {
  readonly users: ReadonlyMap<string, { uid: number; gid: number }>;
  readonly groups: ReadonlyMap<string, number>;
}

const usersOf = new Map<string, Promise<ImageUsers>>();

/**
 * The uids and gids are the image's (the package's postinst picked them at build), not the host's:
 * files the fixture chowns in the bind-mounted run folder must carry these numbers.
 */
export function imageUsers(tag: string): Promise<ImageUsers> {
  let pending = usersOf.get(tag);
  if (pending === undefined) {
    pending = (async () => {
      const r = await docker(['run', '--rm', '--network', 'host', '--label', `${LABEL.tool}=getent`, '--label', `${LABEL.ownerPid}=${process.pid}`, '--entrypoint', '/bin/sh', tag, '-c', 'getent passwd; echo ---; getent group'], { timeoutMs: 60_000 });
      if (r.code !== 0) throw new Error(`cannot list the users of ${tag}: ${r.stderr.trim()}`);
      const [passwd = '', group = ''] = r.stdout.split('\n---\n');
      const users = new Map<string, { uid: number; gid: number }>();
      for (const line of passwd.split('\n')) {
        const f = line.split(':');
        if (f.length >= 4) users.set(f[0]!, { uid: Number(f[2]), gid: Number(f[3]) });
      }
      const groups = new Map<string, number>();
      for (const line of group.split('\n')) {
        const f = line.split(':');
        if (f.length >= 3) groups.set(f[0]!, Number(f[2]));
      }
      return { users, groups };
    })();
    usersOf.set(tag, pending);
    pending.catch(() => usersOf.delete(tag));
  }
  return pending;
}
