import { isIPv6 } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressCase, ipv6Literal, longDomain, MAX_DOMAIN, MAX_LABEL, MAX_LOCAL_PART, MAX_PATH } from '../../../harness/model/addresses.js';
import { isAddressLiteral, isDomain, parsePath } from '../../../fixtures/reference/address.js';

// The generators must only produce VALID syntax, or the property would blame servers for the
// generator's mistakes. The reference server's parser (RFC 5321 §4.1.2-4.1.3, RFC 6531 §3.3) is
// the oracle, plus the limits of §4.5.3.1 and the IPv6 group counts of §4.1.3.

const seed = Number(process.env.SMTPSPEC_TEST_SEED ?? Math.floor(Math.random() * 2 ** 31));
const octets = (s: string) => Buffer.byteLength(s, 'utf8');
const latin1 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');

describe(`address generators (seed ${seed})`, () => {
  it('mailboxes parse as paths and keep the 64/255/256-octet limits', () => {
    console.log(`address generator seed ${seed}`);
    fc.assert(
      fc.property(addressCase(true, 'reference.test'), (c) => {
        const sender = parsePath(latin1(`<${c.sender}>`), { allowNull: false, allowPostmaster: false });
        expect(sender?.rest, c.sender).toBe('');
        const local = c.sender.slice(0, c.sender.lastIndexOf('@'));
        expect(octets(local)).toBeLessThanOrEqual(MAX_LOCAL_PART);
        expect(octets(`<${c.sender}>`)).toBeLessThanOrEqual(MAX_PATH);
        const rcpt = parsePath(latin1(`<${c.recipientLocal}@reference.test>`), { allowNull: false, allowPostmaster: true });
        expect(rcpt?.rest, c.recipientLocal).toBe('');
        expect(octets(c.recipientLocal)).toBeLessThanOrEqual(MAX_LOCAL_PART);
        if (!c.utf8) expect(/[^\x00-\x7f]/.test(c.sender + c.recipientLocal)).toBe(false);
        const ehlo = latin1(c.ehlo);
        expect(isDomain(ehlo) || isAddressLiteral(ehlo), c.ehlo).toBe(true);
        expect(octets(c.ehlo)).toBeLessThanOrEqual(MAX_DOMAIN);
      }),
      { seed, numRuns: 500 },
    );
  });

  it('long domains are 200-255 octets of labels up to 63', () => {
    fc.assert(
      fc.property(longDomain, (d) => {
        expect(d.length).toBeGreaterThanOrEqual(200);
        expect(d.length).toBeLessThanOrEqual(MAX_DOMAIN);
        expect(isDomain(d), d).toBe(true);
        for (const l of d.split('.')) expect(l.length).toBeLessThanOrEqual(MAX_LABEL);
      }),
      { seed, numRuns: 300 },
    );
  });

  it('IPv6 literals follow RFC 5321 §4.1.3: "::" stands for two groups or more', () => {
    const forms = new Set<string>();
    fc.assert(
      fc.property(ipv6Literal, (lit) => {
        const inner = /^\[IPv6:(.*)\]$/.exec(lit)![1]!;
        expect(isIPv6(inner), lit).toBe(true);
        const v4 = /\d+\.\d+\.\d+\.\d+$/.test(inner);
        const groups = inner.split(/::|:/).filter((g) => g !== '' && !g.includes('.')).length;
        if (inner.includes('::')) expect(groups).toBeLessThanOrEqual(v4 ? 4 : 6);
        else expect(groups).toBe(v4 ? 6 : 8);
        forms.add(`${v4 ? 'v4' : ''}${inner.includes('::') ? 'comp' : 'full'}`);
      }),
      { seed, numRuns: 300 },
    );
    expect([...forms].sort()).toEqual(['comp', 'full', 'v4comp', 'v4full']);
  });
});
