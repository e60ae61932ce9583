import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { opensmtpdTarget } from '../../fixtures/targets/opensmtpd/target.js';
import { startLocalTarget } from '../../harness/targets/local.js';
import { dialog } from './smtp-dialog.js';
import { expectRegisteredAndRunning, expectStopLeavesNothing, installedOrSkipReason } from './support.js';

describe('local target opensmtpd', () => {
  it('installs, starts on 127.0.0.1 in a private mount namespace, and stops leaving nothing behind', async (ctx) => {
    const skip = await installedOrSkipReason(opensmtpdTarget);
    if (skip) return ctx.skip(skip);
    const t = await startLocalTarget(opensmtpdTarget);
    try {
      expect(t.host).toBe('127.0.0.1');
      expect(t.greeting).toMatch(/^220 mx\.opensmtpd\.test ESMTP OpenSMTPD/);
      // What OpenSMTPD 6.8 really offers in cleartext: no PIPELINING, no SMTPUTF8, and AUTH only after STARTTLS.
      const [ehlo, , foreign, local, sink] = await dialog(t.port, ['EHLO client.test', 'MAIL FROM:<a@client.test>', 'RCPT TO:<x@unrelated.invalid>', 'RCPT TO:<user@opensmtpd.test>', 'RCPT TO:<x@sink.test>']);
      const keywords = ehlo!.slice(1).map((l) => l.slice(4));
      expect(keywords).toEqual(['8BITMIME', 'ENHANCEDSTATUSCODES', 'SIZE 36700160', 'DSN', 'STARTTLS', 'HELP']);
      // The harness is not trusted: a foreign domain is refused, the sink's domains and the test domain are not.
      expect(foreign).toEqual(['550 Invalid recipient: <x@unrelated.invalid>']);
      expect(local?.[0]).toMatch(/^250 /);
      expect(sink?.[0]).toMatch(/^250 /);

      const entry = expectRegisteredAndRunning(t);
      expect(entry.mounts?.map((m) => m.target)).toContain('/var/spool/smtpd');
      // The daemon's view of the system (its mount namespace, through /proc/PID/root): the run
      // folder's spool at the compiled-in path, and a resolver that can only ask 127.0.0.1.
      const inside = `/proc/${entry.pgid}/root`;
      expect(readFileSync(`${inside}/etc/resolv.conf`, 'utf8')).toBe('nameserver 127.0.0.1\nlookup file\n');
      expect(readdirSync(`${inside}/var/spool/smtpd`)).toEqual(expect.arrayContaining(['queue', 'offline']));
      const spool = statSync(`${inside}/var/spool/smtpd`);
      expect([spool.dev, spool.ino]).toEqual([statSync(`${t.runDir}/spool`).dev, statSync(`${t.runDir}/spool`).ino]);
      console.log(`opensmtpd: 220 after ${t.startMs} ms on 127.0.0.1:${t.port}`);

      await expectStopLeavesNothing(t, entry);
    } finally {
      await t.stop();
    }
  });
});
