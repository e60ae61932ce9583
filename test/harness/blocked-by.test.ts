import { describe, expect, it } from 'vitest';
import { allChecks } from '../../suites/index.js';
import { resultsAgainstFake } from '../support/fake-smtp/run-checks.js';

// A server that answers 220 to STARTTLS and then fails the handshake (OpenSMTPD 6.8 with OpenSSL 3
// does): rfc3207/4/starttls-replies FAILs it; the checks that only need a TLS session to probe
// something else are SKIPPED naming that check, not ERROR.

const KEYWORDS = ['PIPELINING', '8BITMIME', 'ENHANCEDSTATUSCODES', 'AUTH PLAIN LOGIN', 'STARTTLS', 'SIZE 1000000'];
const BLOCKED = ['rfc3207/4.2/no-starttls-after-tls', 'rfc3207/4.2/extensions-may-change', 'rfc4954/4/plain-over-tls'];

describe('a 220 to STARTTLS followed by a failed handshake', () => {
  it('FAILs rfc3207/4/starttls-replies once and SKIPs the checks it blocks, with the reason', async () => {
    const ids = new Set(['rfc3207/4/starttls-replies', ...BLOCKED]);
    const checks = allChecks.filter((c) => ids.has(c.id));
    expect(checks).toHaveLength(ids.size);
    // After the 220 the fake reads the client's TLS hello as command lines: the handshake fails.
    const results = await resultsAgainstFake(checks, { keywords: KEYWORDS, answer: (line) => (line.toUpperCase() === 'STARTTLS' ? '220 2.0.0 Ready to start TLS' : undefined) });
    const byId = new Map(results.map((r) => [r.id, r]));
    expect(byId.get('rfc3207/4/starttls-replies')?.grade).toBe('FAIL');
    for (const id of BLOCKED) {
      const r = byId.get(id)!;
      expect(r.grade, `${id}: ${r.reason}`).toBe('SKIPPED');
      expect(r.reason).toMatch(/answered 220 to STARTTLS but the TLS handshake failed .*; rfc3207\/4\/starttls-replies grades that/);
      expect(r.transcript).toContain('STARTTLS');
    }
  });

  it('leaves a STARTTLS refused with another code a setup failure (ERROR), as before', async () => {
    const checks = allChecks.filter((c) => c.id === 'rfc3207/4.2/no-starttls-after-tls');
    const [r] = await resultsAgainstFake(checks, { keywords: KEYWORDS, answer: (line) => (line.toUpperCase() === 'STARTTLS' ? '454 4.7.0 TLS not available' : undefined) });
    expect(r?.grade).toBe('ERROR');
    expect(r?.reason).toMatch(/could not set up: STARTTLS got 454/);
  });
});
