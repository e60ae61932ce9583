import { describe, expect, it } from 'vitest';
import type { Check } from '../../../harness/check.js';
import { rfc5321Checks } from '../../../suites/rfc5321/index.js';
import { isDomainOrAddressLiteral, isFqdnOrAddressLiteral, mulberry32, randomCase } from '../../../suites/rfc5321/support.js';
import type { FakeSmtpOptions as FakeOptions } from '../../support/fake-smtp/options.js';
import { RFC5321_ONLY, RFC5321_RUN } from '../../support/fake-smtp/presets.js';
import { runOnFake } from '../../support/fake-smtp/run-checks.js';
import { CATALOG_WAVE_IDS } from './catalog-wave-ids.js';

// Each check is run against a conforming fake server (PASS) and a fake broken in exactly the way
// the check is about (FAIL or NON-STRICT), so that every check is shown able to fail.

// The checks of the first slice; those added for the full catalog are tested in catalog-checks.test.ts.
// Relay checks (needs: ['sink']) are tested against the relaying reference server and its relay
// mutants (test/suites/reference.test.ts, mutants.test.ts), not against these fakes.
const firstSlice = rfc5321Checks.filter((c) => !CATALOG_WAVE_IDS.has(c.id) && !c.needs?.includes('sink'));

function check(id: string): Check {
  const found = firstSlice.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

async function grade(id: string, opts: FakeOptions = {}): Promise<string> {
  const r = await runOnFake(check(id), { ...RFC5321_ONLY, ...opts }, RFC5321_RUN);
  return r.grade === 'PASS' ? 'PASS' : `${r.grade}: ${r.reason}\n${r.transcript}`;
}

const upperOnly = (line: string) => (line.split(' ')[0] !== line.split(' ')[0]!.toUpperCase() ? '500 5.5.2 command not recognized' : undefined);

const cases: Array<[id: string, broken: FakeOptions, expected: 'FAIL' | 'NON-STRICT']> = [
  ['rfc5321/3.1/greeting', { greeting: '250 fake.test hello' }, 'FAIL'],
  ['rfc5321/3.1/greeting', { greeting: '220 ESMTP ready' }, 'NON-STRICT'],
  ['rfc5321/2.2.1/ehlo-supported', { answer: (l) => (l.startsWith('EHLO') ? '502 5.5.1 no' : undefined) }, 'FAIL'],
  ['rfc5321/2.2.1/helo-supported', { answer: (l) => (l.startsWith('MAIL') ? '503 5.5.1 say EHLO first' : undefined) }, 'FAIL'],
  ['rfc5321/3.2/helo-plain-reply', { answer: (l) => (l.startsWith('HELO') ? '250-fake.test\r\n250-PIPELINING\r\n250 8BITMIME' : undefined) }, 'FAIL'],
  ['rfc5321/3.2/helo-plain-reply', { answer: (l) => (l.startsWith('HELO') ? '250-fake.test\r\n250 nice to meet you' : undefined) }, 'NON-STRICT'],
  ['rfc5321/4.1.1.1/ehlo-reply-grammar', { answer: (l) => (l.startsWith('EHLO') ? '250-fake.test\r\n250-X_FOO\r\n250 HELP' : undefined) }, 'FAIL'],
  ['rfc5321/4.1.1.1/ehlo-reply-grammar', { answer: (l) => (l.startsWith('EHLO') ? '250-fake.test\r\n250-SIZE  100\r\n250 HELP' : undefined) }, 'FAIL'],
  ['rfc5321/4.1.1.1/ehlo-reply-grammar', { answer: (l) => (l.startsWith('EHLO') ? '250-fake.test\r\n250-PIPELINING\r\n250 X\xe9' : undefined) }, 'FAIL'],
  ['rfc5321/4.1.1.1/ehlo-reply-grammar', { answer: (l) => (l.startsWith('EHLO') ? '250-fake.test\r\n250-AUTH=PLAIN LOGIN\r\n250 AUTH PLAIN LOGIN' : undefined) }, 'NON-STRICT'],
  ['rfc5321/2.4/lower-case-transaction', { answer: upperOnly }, 'FAIL'],
  ['rfc5321/2.4/lower-case-transaction', { answer: (l) => (/^mail from:/.test(l) ? '501 5.5.4 syntax: MAIL FROM:<address>' : undefined) }, 'FAIL'],
  ['rfc5321/2.4/mixed-case-transaction', { answer: upperOnly }, 'FAIL'],
  ['rfc5321/2.4/lower-case-verbs', { answer: (l) => (['vrfy', 'help'].includes(l.split(' ')[0]!) ? '500 5.5.2 command not recognized' : undefined) }, 'FAIL'],
  ['rfc5321/2.4/lower-case-verbs', { answer: (l) => (l === 'quit' ? '500 5.5.2 command not recognized' : undefined) }, 'FAIL'],
  ['rfc5321/4.1.4/quit-anytime', { quitKeepsOpen: true }, 'FAIL'],
  ['rfc5321/4.1.4/quit-anytime', { answer: (l) => (l === 'QUIT' ? '503 5.5.1 say EHLO first' : undefined) }, 'FAIL'],
  ['rfc5321/3.3/data-before-mail', { answer: (l) => (l === 'DATA' ? '354 go ahead' : undefined) }, 'NON-STRICT'],
  ['rfc5321/3.3/data-before-rcpt', { answer: (l) => (l === 'DATA' ? '354 go ahead' : undefined) }, 'NON-STRICT'],
  ['rfc5321/4.1.1.5/rset-clears-transaction', { answer: (l) => (l === 'RSET' ? '250 2.0.0 ok' : undefined) }, 'FAIL'],
  ['rfc5321/4.1.1.9/noop', { answer: (l) => (l === 'NOOP' ? '500 5.5.2 what' : undefined) }, 'FAIL'],
  ['rfc5321/4.1.1.9/noop', { answer: (l) => (l.startsWith('NOOP ') ? '501 5.5.4 Syntax: NOOP' : undefined) }, 'NON-STRICT'],
  ['rfc5321/4.1.1.4/data-transaction', { dataReply: ['250 2.0.0 queued', '250 2.0.0 queued again'] }, 'FAIL'],
  ['rfc5321/4.1.1.4/data-transaction', { dataReply: '354 more?' }, 'FAIL'],
  ['rfc5321/4.1.5/x-command-500', { answer: (l) => (l.startsWith('XYZZY') ? '502 5.5.1 not implemented' : undefined) }, 'NON-STRICT'],
  ['rfc5321/3.8/unknown-command-keeps-session', { answer: (l) => (l.startsWith('XYZZY') ? { reply: '500 5.5.2 bye', close: true } : undefined) }, 'FAIL'],
  ['rfc5321/3.8/unknown-command-keeps-session', { answer: (l) => (l.startsWith('XYZZY') ? 'CLOSE' : undefined) }, 'FAIL'],
  ['rfc5321/4.1.1.11/unknown-mail-parameter', { answer: (l) => (l.startsWith('MAIL') ? '250 2.1.0 ok' : undefined) }, 'FAIL'],
  ['rfc5321/4.1.1.11/unknown-mail-parameter', { answer: (l) => (l.startsWith('MAIL') && l.includes('XYZZY') ? '501 5.1.7 bad address' : undefined) }, 'NON-STRICT'],
  ['rfc5321/4.5.1/postmaster', { answer: (l) => (l === 'RCPT TO:<Postmaster>' ? '553 5.1.3 need fully-qualified address' : undefined) }, 'FAIL'],
  ['rfc5321/4.1.2/null-reverse-path', { answer: (l) => (l === 'MAIL FROM:<>' ? '501 5.1.7 bad sender' : undefined) }, 'FAIL'],
  ['rfc5321/4.5.2/dot-lines-do-not-end-data', { endsData: (l) => l === '.' || l === '..' }, 'FAIL'],
  ['rfc5321/4.5.2/dot-lines-do-not-end-data', { endsData: (l) => l.startsWith('.') }, 'FAIL'],
  ['rfc5321/4.5.3.1.4/command-line-512', { answer: (l) => (l.length > 256 ? '500 5.5.2 line too long' : undefined) }, 'FAIL'],
  ['rfc5321/4.5.3.1.4/command-line-512', { answer: (l) => (l.length > 300 && l.startsWith('MAIL') ? '501 5.5.4 command line length exceeded' : undefined) }, 'FAIL'],
  ['rfc5321/4.2/reply-grammar', { answer: (l) => (l === 'HELP' ? '214-2.0.0 commands\r\n211 2.0.0 end' : undefined) }, 'FAIL'],
  ['rfc5321/4.2/reply-grammar', { answer: (l) => (l === 'NOOP' ? '650 2.0.0 ok' : undefined) }, 'FAIL'],
  ['rfc5321/4.2/reply-grammar', { answer: (l) => (l === 'RSET' ? '250 2.0.0 ok\r\n250 2.0.0 ok again' : undefined) }, 'FAIL'],
  ['rfc5321/4.2/reply-grammar', { answer: (l) => (l === 'NOOP' ? '250' : undefined) }, 'NON-STRICT'],
  ['rfc5321/2.3.8/bare-lf-in-command', { bareLf: true }, 'NON-STRICT'],
  ['rfc5321/4.1.4/rcpt-before-mail', { answer: (l) => (l.startsWith('RCPT') ? '250 2.1.5 ok' : undefined) }, 'FAIL'],
  ['rfc5321/4.1.4/ehlo-argument-required', { answer: (l) => (l === 'EHLO' ? '250 fake.test' : undefined) }, 'FAIL'],
];

describe('RFC 5321 checks against scripted fake servers', () => {
  it.each(firstSlice.map((c) => [c.id]))('%s passes on a conforming server', async (id) => {
    expect(await grade(id)).toBe('PASS');
  });

  it.each(cases)('%s detects a broken server (%#)', async (id, broken, expected) => {
    const r = await runOnFake(check(id), { ...RFC5321_ONLY, ...broken }, RFC5321_RUN);
    expect(r.grade, `${r.reason}\n${r.transcript}`).toBe(expected);
  });

  it('has a broken-server case for every check', () => {
    const covered = new Set(cases.map(([id]) => id));
    const missing = firstSlice.map((c) => c.id).filter((id) => !covered.has(id) && !['rfc5321/4.1.4/nested-mail', 'rfc5321/4.1.4/second-ehlo-resets'].includes(id));
    expect(missing).toEqual([]);
  });

  it('passes a 554 greeting (the server refuses the session, which the RFC allows)', async () => {
    expect(await grade('rfc5321/3.1/greeting', { greeting: '554 5.7.1 no service for you' })).toBe('PASS');
  });

  it('passes a 5xx to the bare-LF line followed by a close', async () => {
    expect(await grade('rfc5321/2.3.8/bare-lf-in-command', { answer: (l) => (l.includes('\n') ? { reply: '550 5.5.2 bare LF received', close: true } : undefined) })).toBe('PASS');
  });
});

describe('RFC 5321 check helpers', () => {
  it('recognises domains and address literals', () => {
    for (const ok of ['mx.example.org', 'a', 'x-1.test', '[192.0.2.1]', '[IPv6:2001:db8::1]', '[tag:stuff]']) expect(isDomainOrAddressLiteral(ok), ok).toBe(true);
    for (const bad of ['', '-a.test', 'a-.test', 'a..b', 'mx.example.org.', '[300.1.1.1]', '[IPv6:zz]', 'ESMTP:', '[]']) expect(isDomainOrAddressLiteral(bad), bad).toBe(false);
    expect(isFqdnOrAddressLiteral('ESMTP')).toBe(false);
    expect(isFqdnOrAddressLiteral('mx.example.org')).toBe(true);
  });

  it('random case is deterministic per seed and always mixed', () => {
    const a = mulberry32(123);
    const b = mulberry32(123);
    for (let i = 0; i < 200; i++) {
      const word = ['MAIL', 'FROM:', 'TO:', 'EHLO', 'QUIT'][i % 5]!;
      const x = randomCase(word, a);
      expect(x).toBe(randomCase(word, b));
      expect(x.toUpperCase()).toBe(word);
      expect(x).not.toBe(word.toUpperCase());
      expect(x).not.toBe(word.toLowerCase());
    }
  });
});
