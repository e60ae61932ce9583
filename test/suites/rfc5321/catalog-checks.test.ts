import { describe, expect, it } from 'vitest';
import type { Check } from '../../../harness/check.js';
import { rfc5321Checks } from '../../../suites/rfc5321/index.js';
import { serverTimeoutCheck } from '../../../suites/rfc5321/4.5.3.2.7-server-timeout.js';
import { mailboxInText, saysNotImplemented } from '../../../suites/rfc5321/vrfy-support.js';
import { describeResults, runAgainstReference } from '../../support/reference-run.js';
import type { Answer, FakeSmtpOptions as FakeOptions } from '../../support/fake-smtp/options.js';
import { RFC5321_ONLY, RFC5321_RUN } from '../../support/fake-smtp/presets.js';
import { runOnFake } from '../../support/fake-smtp/run-checks.js';
import { CATALOG_WAVE_IDS } from './catalog-wave-ids.js';

// The RFC 5321 checks of the full catalog: the reference server passes them (the mutants in
// fixtures/reference/mutants/rfc5321.ts show the MUST-level ones can fail); the scripted fake server
// shows that the SHOULD/INFO-level ones, which need no mutant, can be graded NON-STRICT or INFO.

function check(id: string): Check {
  const found = rfc5321Checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

const reply = (verb: string, text: Answer) => (l: string) => (l.toUpperCase().startsWith(verb) ? text : undefined);

function recipientLimit(limit: number, text: string): FakeOptions['answer'] {
  let n = 0;
  return (l) => (l.startsWith('MAIL') ? ((n = 0), undefined) : l.startsWith('RCPT') ? (++n > limit ? text : undefined) : undefined);
}

const cases: Array<[id: string, broken: FakeOptions, expected: 'FAIL' | 'NON-STRICT' | 'INFO' | 'PASS' | 'SKIPPED']> = [
  ['rfc5321/2.4/non-ascii-envelope', {}, 'NON-STRICT'],
  ['rfc5321/3.1/554-greeting-waits-for-quit', { greeting: '554 5.7.1 no service', answer: (l) => (l === 'QUIT' ? undefined : '503 5.7.0 access denied') }, 'PASS'],
  ['rfc5321/3.1/554-greeting-waits-for-quit', { greeting: '554 5.7.1 no service', answer: () => 'CLOSE' }, 'FAIL'],
  ['rfc5321/3.1/554-greeting-waits-for-quit', { greeting: '554 5.7.1 no service', quitKeepsOpen: true, answer: (l) => (l === 'QUIT' ? undefined : '503 5.7.0 access denied') }, 'FAIL'],
  ['rfc5321/3.5.2/expn-advertised', { answer: reply('EXPN', '250 2.1.5 <postmaster@fake.test>') }, 'NON-STRICT'],
  ['rfc5321/3.5.2/expn-advertised', { answer: reply('EXPN', '252 2.5.2 cannot expand') }, 'PASS'],
  ['rfc5321/3.5.1/vrfy-reply-form', { answer: reply('VRFY', '250 2.1.5 Postmaster <postmaster@fake.test>') }, 'PASS'],
  ['rfc5321/3.5.1/vrfy-reply-form', { answer: reply('VRFY', '250 2.1.5 postmaster@localhost') }, 'FAIL'],
  ['rfc5321/3.5.1/vrfy-reply-form', { answer: reply('VRFY', '252 2.0.0 Cannot VRFY user') }, 'SKIPPED'],
  ['rfc5321/3.6.2/relay-denied-550', {}, 'NON-STRICT'],
  ['rfc5321/3.6.2/relay-denied-550', { answer: (l) => (l.includes('unrelated.invalid') ? '554 5.7.1 Relay access denied' : undefined) }, 'NON-STRICT'],
  ['rfc5321/3.6.2/relay-denied-550', { answer: (l) => (l.includes('unrelated.invalid') ? '550 5.7.1 Relay access denied' : undefined) }, 'PASS'],
  ['rfc5321/3.8/close-only-after-quit-421-timeout', { answer: reply('XYZZY', 'CLOSE') }, 'NON-STRICT'],
  ['rfc5321/3.8/close-only-after-quit-421-timeout', { answer: reply('XYZZY', { reply: '421 4.7.0 too many errors', close: true }) }, 'PASS'],
  ['rfc5321/4.1.1/trailing-whitespace', {}, 'NON-STRICT'],
  ['rfc5321/4.1.1/no-argument-commands', {}, 'NON-STRICT'],
  ['rfc5321/4.1.1.1/ehlo-lists-optional-commands', {}, 'PASS'],
  ['rfc5321/4.1.1.1/ehlo-lists-optional-commands', { answer: reply('ETRN', '250 2.0.0 queuing started') }, 'NON-STRICT'],
  ['rfc5321/4.1.1.2/params-without-ehlo', {}, 'PASS'],
  ['rfc5321/4.1.1.2/params-without-ehlo', { answer: reply('MAIL', '250 2.1.0 ok') }, 'INFO'],
  ['rfc5321/4.1.1.8/help', { answer: reply('HELP', '502 5.5.1 not implemented') }, 'NON-STRICT'],
  ['rfc5321/4.1.2/underscore-in-domain', {}, 'NON-STRICT'],
  ['rfc5321/4.1.4/ehlo-before-mail', {}, 'INFO'],
  ['rfc5321/4.1.4/utility-commands-before-ehlo', { answer: reply('NOOP', '503 5.5.1 send EHLO first') }, 'NON-STRICT'],
  ['rfc5321/4.1.4/ehlo-mismatch-not-fatal', { answer: reply('MAIL', '550 5.7.1 HELO name does not match your address') }, 'NON-STRICT'],
  ['rfc5321/4.2/reply-text-ascii', { answer: reply('NOOP', '250 2.0.0 d\u00e9j\u00e0 vu') }, 'NON-STRICT'],
  ['rfc5321/4.2.1/known-codes', { answer: reply('NOOP', '299 2.0.0 fine') }, 'NON-STRICT'],
  ['rfc5321/4.2.4/no-advertised-502', { answer: reply('HELP', '502 5.5.1 not implemented') }, 'FAIL'],
  ['rfc5321/4.3.2/reply-codes-per-command', { answer: reply('NOOP', '252 2.0.0 fine') }, 'NON-STRICT'],
  ['rfc5321/4.5.3.1.2/domain-255', { answer: (l) => (l.startsWith('EHLO') && l.length > 250 ? '501 5.5.4 domain name too long' : undefined) }, 'NON-STRICT'],
  ['rfc5321/4.5.3.1.5/reply-line-512', { answer: reply('NOOP', `250 2.0.0 ${'x'.repeat(600)}`) }, 'NON-STRICT'],
  ['rfc5321/4.5.3.1.10/too-many-452', { answer: recipientLimit(100, '552 5.5.3 too many recipients') }, 'NON-STRICT'],
  ['rfc5321/4.5.3.1.10/too-many-452', { answer: recipientLimit(100, '452 4.5.3 too many recipients') }, 'PASS'],
  ['rfc5321/4.5.3.1.10/too-many-452', { answer: reply('RCPT', '250 2.1.5 Ok') }, 'SKIPPED'],
  ['rfc5321/4.5.3.1.10/too-many-452', { answer: recipientLimit(100, '550 5.7.1 policy: at most 100 recipients') }, 'PASS'],
  ['rfc5321/7.3/vrfy-disabled-252', { answer: reply('VRFY', '502 5.5.1 VRFY command is disabled') }, 'NON-STRICT'],
  ['rfc5321/7.3/vrfy-disabled-252', { answer: reply('VRFY', '500 5.5.2 command not recognized') }, 'FAIL'],
  // The fake accepts every recipient: an open relay.
  ['rfc5321/7.9/no-open-relay', {}, 'FAIL'],
  ['rfc5321/7.9/no-open-relay', { answer: (l) => (l.startsWith('RCPT') && l.includes('unrelated.invalid') && !l.includes('@unrelated.invalid>') ? '250 2.1.5 Ok' : l.startsWith('RCPT') ? '550 5.7.1 Relay access denied' : undefined) }, 'INFO'],
  ['rfc5321/7.9/no-open-relay', { answer: reply('RCPT', '550 5.7.1 Relay access denied') }, 'PASS'],
];

describe('RFC 5321 full-catalog checks', () => {
  it('pass against the reference server (or skip where it is not the kind of target)', async () => {
    const mine = rfc5321Checks.filter((c) => CATALOG_WAVE_IDS.has(c.id) && c.profile !== 'slow');
    const results = await runAgainstReference(mine);
    const bad = results.filter((r) => r.grade !== 'PASS' && !(r.grade === 'SKIPPED' && check(r.id).appliesTo));
    expect(bad, describeResults(bad)).toEqual([]);
  });

  it('list exactly the new checks of rfc5321/index.ts', () => {
    for (const id of CATALOG_WAVE_IDS) expect(rfc5321Checks.some((c) => c.id === id), id).toBe(true);
  });

  it.each(cases)('%s grades a scripted server (%#)', async (id, broken, expected) => {
    const r = await runOnFake(check(id), { ...RFC5321_ONLY, ...broken }, RFC5321_RUN);
    expect(r.grade, `${r.reason}\n${r.transcript}`).toBe(expected);
  });

  it('server-timeout passes when the server waits, and is NON-STRICT when it hangs up while idle', async () => {
    const short = serverTimeoutCheck(300);
    expect(short.profile).toBe('slow');
    const [onReference] = await runAgainstReference([short]);
    expect(onReference?.grade, onReference?.reason).toBe('PASS');
    const hangsUp = await runOnFake(short, { ...RFC5321_ONLY, answer: reply('EHLO', { reply: '250 fake.test', close: true }) }, RFC5321_RUN);
    expect(hangsUp.grade, hangsUp.transcript).toBe('NON-STRICT');
  });
});

describe('RFC 5321 VRFY helpers', () => {
  it('finds the mailbox of a VRFY reply only with a fully-qualified domain', () => {
    expect(mailboxInText(['2.1.5 Fred Smith <fred@example.org>'])).toEqual({ mailbox: 'fred@example.org', bracketed: true });
    expect(mailboxInText(['2.1.5 fred@example.org'])).toEqual({ mailbox: 'fred@example.org', bracketed: false });
    expect(mailboxInText(['2.1.5 <fred@[192.0.2.1]>'])?.mailbox).toBe('fred@[192.0.2.1]');
    for (const none of ['2.1.5 OK', '2.1.5 fred@localhost', '2.1.5 <fred>', 'user exists']) expect(mailboxInText([none]), none).toBeUndefined();
  });

  it('tells "not implemented" refusals from implemented commands', () => {
    const r = (code: number, text: string) => ({ kind: 'reply' as const, code, enhanced: undefined, lines: [text], raw: Buffer.alloc(0), deviations: [] });
    for (const [code, text] of [[500, 'what'], [502, 'no'], [521, 'no'], [503, '5.5.1 Error: authentication not enabled'], [503, 'AUTH command used when not advertised']] as const) {
      expect(saysNotImplemented(r(code, text)), `${code} ${text}`).toBe(true);
    }
    for (const [code, text] of [[503, 'Bad sequence of commands'], [504, 'unknown mechanism'], [250, 'ok'], [550, 'no such list']] as const) {
      expect(saysNotImplemented(r(code, text)), `${code} ${text}`).toBe(false);
    }
  });
});
