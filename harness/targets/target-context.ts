import { run } from './exec.js';
import type { StartContext } from './types.js';
import { userIds } from './users.js';

// What a fixture's prepare() calls instead of users.ts and exec.ts directly, so that the same
// prepare() serves a server on this host and one in a container (whose users and tools are the
// image's): the provider that starts the server decides where these look.

/** uid and gid of the server's user, where the server runs. */
export function targetUserIds(ctx: StartContext, user: string): Promise<{ uid: number; gid: number }> {
  return ctx.userIds ? ctx.userIds(user) : userIds(user);
}

/** Runs one of the server's own tools, where the server runs; never throws for a non-zero exit. */
export function runTargetTool(ctx: StartContext, command: string, args: readonly string[], opts: { env?: Readonly<Record<string, string>>; input?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  if (ctx.runTool) return ctx.runTool(command, args, opts);
  return run(command, args, { ...(opts.env ? { env: { ...opts.env } } : {}), ...(opts.input !== undefined ? { input: opts.input } : {}) });
}
