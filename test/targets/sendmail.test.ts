import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mailertable, sendmailTarget, sinkMailers, withoutClientTrust } from '../../fixtures/targets/sendmail/target.js';
import { startLocalTarget } from '../../harness/targets/local.js';
import { dialog } from './smtp-dialog.js';
import { expectRegisteredAndRunning, expectStopLeavesNothing, installedOrSkipReason } from './support.js';

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (check()) return true;
  return check();
}

describe('sendmail fixture: generated configuration', () => {
  const routes: [string, number][] = [['7bit.sink.test', 2601], ['sink.test', 2600], ['bounce.test', 2602]];

  it('routes each sink domain and its subdomains to a mailer of its port at the numeric 127.0.0.1', () => {
    expect(mailertable(routes).split('\n')).toEqual([
      '7bit.sink.test\tsink_2601:[127.0.0.1]', '.7bit.sink.test\tsink_2601:[127.0.0.1]',
      'sink.test\tsink_2600:[127.0.0.1]', '.sink.test\tsink_2600:[127.0.0.1]',
      'bounce.test\tsink_2602:[127.0.0.1]', '.bounce.test\tsink_2602:[127.0.0.1]', '',
    ]);
    const mailers = sinkMailers([...routes, ['other.test', 2600]]);
    expect(mailers.match(/^Msink_\d+,/gm)).toEqual(['Msink_2601,', 'Msink_2600,', 'Msink_2602,']);
    expect(mailers).toContain('A=TCP $h 2602');
  });

  it('makes Relay_ok refuse every client, and refuses a cf without exactly one Relay_ok', () => {
    const cf = 'SRcpt_ok\nR$*\t$@ OK\nSRelay_ok\nR127.0.0.1\t\t$@ RELAY\t\toriginated locally\n';
    expect(withoutClientTrust(cf).split('\n').slice(2, 4)).toEqual(['SRelay_ok', 'R$*\t\t\t$@ NO\t\tsmtpspec: no client is trusted by its address or name']);
    expect(() => withoutClientTrust('SRcpt_ok\n')).toThrow(/found 0/);
    expect(() => withoutClientTrust(cf + cf)).toThrow(/found 2/);
  });
});

describe('local target sendmail', () => {
  it('installs, starts on 127.0.0.1 in a private namespace with STARTTLS and AUTH, delivers locally, and stops leaving nothing behind', async (ctx) => {
    const skip = await installedOrSkipReason(sendmailTarget);
    if (skip) return ctx.skip(skip);
    const t = await startLocalTarget(sendmailTarget);
    try {
      expect(t.host).toBe('127.0.0.1');
      expect(t.greeting).toMatch(/^220 mx\.sendmail\.test ESMTP Sendmail 8\.17\.[\d.]+\/8\.17\.[\d.]+\/Debian-[^;]+; .*\(No UCE\/UBE\) logging access from: localhost\(OK\)-localhost \[127\.0\.0\.1\]$/);
      const plain = Buffer.from(`\0${t.credentials.user}\0${t.credentials.pass}`).toString('base64');
      const [ehlo, , foreign, local, unknown, postmaster, sink, data, delivered] = await dialog(t.port, [
        'EHLO client.test', 'MAIL FROM:<a@client.test>', 'RCPT TO:<x@unrelated.invalid>', 'RCPT TO:<user@sendmail.test>',
        'RCPT TO:<nobody@sendmail.test>', 'RCPT TO:<Postmaster>', 'RCPT TO:<x@sink.test>', 'DATA', 'Subject: smtpspec\r\n\r\nhello\r\n.',
      ]);
      // What Debian's Sendmail 8.17 really offers: no SMTPUTF8 (built without EAI), no CHUNKING.
      expect(ehlo!.slice(1).map((l) => l.slice(4))).toEqual(['ENHANCEDSTATUSCODES', 'PIPELINING', 'EXPN', 'VERB', '8BITMIME', 'SIZE', 'DSN', 'ETRN', 'AUTH PLAIN LOGIN', 'STARTTLS', 'DELIVERBY', 'HELP']);
      // The harness is not trusted: a foreign domain is refused; the sink's domains and the test domain are not.
      expect(foreign).toEqual(['550 5.7.1 <x@unrelated.invalid>... Relaying denied. Proper authentication required.']);
      expect(local?.[0]).toMatch(/^250 2\.1\.5 /);
      expect(unknown).toEqual(['550 5.1.1 <nobody@sendmail.test>... User unknown']);
      expect(postmaster?.[0]).toMatch(/^250 2\.1\.5 /);
      expect(sink?.[0]).toMatch(/^250 2\.1\.5 /);
      expect(data?.[0]).toMatch(/^354 /);
      expect(delivered?.[0]).toMatch(/^250 2\.0\.0 /);
      // The same client may relay anywhere once authenticated with the test account.
      const [, auth, , relayed] = await dialog(t.port, ['EHLO client.test', `AUTH PLAIN ${plain}`, 'MAIL FROM:<a@client.test>', 'RCPT TO:<x@unrelated.invalid>']);
      expect(auth).toEqual(['235 2.0.0 OK Authenticated']);
      expect(relayed?.[0]).toMatch(/^250 2\.1\.5 /);
      // Both copies (user and postmaster) land in the mbox of the run folder.
      const mbox = `${t.runDir}/mail/user`;
      expect(await waitFor(() => (readFileSync(mbox, 'latin1').match(/^Subject: smtpspec$/gm) ?? []).length >= 1, 10_000)).toBe(true);

      const entry = expectRegisteredAndRunning(t);
      expect(entry.mounts?.map((m) => m.target)).toEqual(expect.arrayContaining(['/etc/sasl2', '/etc/hosts']));
      // The daemon's view (its mount namespace): this run's SASL configuration and hosts file, and
      // a resolver that can only ask 127.0.0.1.
      const inside = `/proc/${entry.pgid}/root`;
      expect(readFileSync(`${inside}/etc/resolv.conf`, 'utf8')).toBe('nameserver 127.0.0.1\n');
      expect(readFileSync(`${inside}/etc/sasl2/Sendmail.conf`, 'utf8')).toContain(`sasldb_path: ${t.runDir}/sasl/sasldb2`);
      expect(readFileSync(`${inside}/etc/hosts`, 'utf8')).toMatch(/^127\.0\.0\.1\tmx\.sendmail\.test\b/m);
      // Each sink mailer is the generated esmtp mailer with a port: same flags, rulesets and line limit.
      const cf = readFileSync(`${t.runDir}/conf/sendmail.cf`, 'utf8');
      const mailer = (name: string) => /^M(\S+),\s+([^\n]*(?:\n\s+[^\n]*)*)/m.exec(cf.slice(cf.indexOf(`\nM${name},`) + 1))?.[2]?.replace(/\s+/g, ' ').trim();
      expect(mailer('esmtp')).toMatch(/ A=TCP \$h$/);
      expect(mailer('sink_9')).toBe(`${mailer('esmtp')} 9`);
      console.log(`sendmail: 220 after ${t.startMs} ms on 127.0.0.1:${t.port}`);

      await expectStopLeavesNothing(t, entry);
    } finally {
      await t.stop();
    }
  }, 60_000);
});
