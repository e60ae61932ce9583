import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { namespaceScript, runsProgramOf, wrapInNamespace } from '../../harness/targets/namespace.js';
import { groupAlive, stopGroup } from '../../harness/targets/process.js';

const canUnshare = process.getuid?.() === 0 && ['/usr/bin/unshare', '/bin/unshare'].some((p) => existsSync(p));

describe('namespaceScript', () => {
  it('refuses paths that would break the overlay options or the script', () => {
    expect(() => namespaceScript({ mounts: [{ source: '/a:b', target: '/x' }] }, '/tmp/stage')).toThrow(/without ':'/);
    expect(() => namespaceScript({ mounts: [{ source: 'relative', target: '/x' }] }, '/tmp/stage')).toThrow(/absolute/);
  });

  it('quotes paths for sh, binds the private resolv.conf last and execs the daemon', () => {
    const script = namespaceScript({ mounts: [{ source: "/run dir/it's", target: '/var/spool/x', readOnly: true }] }, '/tmp/stage', '/r/resolv.conf');
    const lines = script.trimEnd().split('\n');
    expect(lines).toContain(`bind '/run dir/it'\\''s' '/var/spool/x' ro`);
    expect(lines.at(-3)).toBe(`bind '/r/resolv.conf' '/etc/resolv.conf' ro`);
    expect(lines.at(-1)).toBe('exec "$@"');
  });
});

describe.skipIf(!canUnshare)('a daemon in a private mount namespace (root only)', () => {
  it('sees its mounts (missing targets included) while the system does not, and is recognised through them', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'smtpspec-ns-'));
    const root = path.join(work, 'root');
    const impostor = path.join(work, 'impostor');
    for (const d of [path.join(root, 'bin'), impostor]) mkdirSync(d, { recursive: true });
    copyFileSync('/bin/sleep', path.join(root, 'bin/sleep'));
    copyFileSync('/bin/sleep', path.join(impostor, 'sleep'));
    // A compiled-in path the system lacks: /var/lib/<unique>/bin is made to exist in the namespace only.
    const target = `/var/lib/${path.basename(work)}/bin`;
    const mounts = [{ source: path.join(root, 'bin'), target, readOnly: true }];
    const wrapped = await wrapInNamespace({ command: `${target}/sleep`, args: ['30'], env: {}, logFiles: [], namespace: { mounts, resolvConf: 'nameserver 127.0.0.1\n' } }, work);
    const child = spawn(wrapped.command, wrapped.args, { detached: true, stdio: 'ignore' });
    const pid = child.pid!;
    try {
      // Wait until the script has exec'd into the program (same pid throughout).
      for (let i = 0; i < 100 && !readlinkSync(`/proc/${pid}/exe`).endsWith('/sleep'); i++) await new Promise((r) => setTimeout(r, 20));
      expect(readlinkSync(`/proc/${pid}/exe`)).toBe(`${target}/sleep`);
      expect(existsSync(path.dirname(target))).toBe(false);
      expect(readFileSync(`/proc/${pid}/root/etc/resolv.conf`, 'utf8')).toBe('nameserver 127.0.0.1\n');
      expect(readFileSync('/etc/resolv.conf', 'utf8')).not.toBe('nameserver 127.0.0.1\n');

      expect(runsProgramOf(pid, root, wrapped.mounts)).toBe(true);
      // Without the mounts, or with a mount that maps the path onto a different file, it is not ours.
      expect(runsProgramOf(pid, root, [])).toBe(false);
      expect(runsProgramOf(pid, work, [{ source: impostor, target }])).toBe(false);
      expect(runsProgramOf(process.pid, root, wrapped.mounts)).toBe(false);
    } finally {
      await stopGroup(pid);
      rmSync(work, { recursive: true, force: true });
    }
    expect(groupAlive(pid)).toBe(false);
  });
});
