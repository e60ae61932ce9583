import { run, runOk } from './exec.js';
import type { SystemUser } from './types.js';

// The only change the local provider makes outside the project's folder: the system users and
// groups the daemons switch to (as the packages' maintainer scripts would create them).

async function exists(db: 'passwd' | 'group', name: string): Promise<boolean> {
  return (await run('getent', [db, name])).code === 0;
}

export async function ensureGroups(groups: readonly string[]): Promise<string[]> {
  const created: string[] = [];
  for (const g of groups) {
    if (await exists('group', g)) continue;
    await runOk('groupadd', ['--system', g]);
    created.push(`group ${g}`);
  }
  return created;
}

export async function ensureUsers(users: readonly SystemUser[]): Promise<string[]> {
  const created = await ensureGroups([...new Set(users.map((u) => u.group))]);
  for (const u of users) {
    if (await exists('passwd', u.user)) continue;
    await runOk('useradd', ['--system', '--gid', u.group, '--home-dir', '/nonexistent', '--no-create-home', '--shell', '/usr/sbin/nologin', u.user]);
    created.push(`user ${u.user}`);
  }
  return created;
}

/** uid and gid of a user, for chown and for configurations that want numbers. */
export async function userIds(user: string): Promise<{ uid: number; gid: number }> {
  const r = await runOk('getent', ['passwd', user]);
  const f = r.stdout.trim().split(':');
  return { uid: Number(f[2]), gid: Number(f[3]) };
}
