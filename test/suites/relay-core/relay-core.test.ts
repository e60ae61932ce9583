import { describe, expect, it } from 'vitest';
import type { MutantInfo } from '../../../fixtures/reference/mutants.js';
import { relayCoreMutants as table } from '../../../fixtures/reference/mutants/relay-core.js';
import { allChecks } from '../../../suites/index.js';
import { describeResults, runAgainstReference } from '../../support/reference-run.js';

// The relay checks of RFC 5321 (§2.4, §3.6.3, §4.1.1.3, §4.1.1.4, §4.1.1.10, §4.1.2, §4.2.5, §4.5.2,
// §4.5.3.1, §6.3, §6.4), RFC 1869 §7, RFC 2920 §3.2, RFC 6531 §3.5/§3.7.3, RFC 6532 and inbound
// smuggling seen from the sink: the reference relay passes them (or they skip where the reference
// is not the kind of server they are about), and each mutant of mutants/relay-core.ts is caught.

const relayCoreMutants: readonly MutantInfo[] = table;

/** Checks this file is about, and the grade the conforming reference gets. */
const EXPECTED: Readonly<Record<string, 'PASS' | 'SKIPPED'>> = {
  'rfc5321/3.6.3/bounce-after-acceptance': 'PASS',
  'rfc5321/4.2.5/250-means-delivery': 'PASS',
  'rfc5321/4.2.5/no-delivery-after-error': 'PASS',
  'rfc5321/4.1.1.10/abort-on-disconnect': 'PASS',
  // The reference refuses DATA without a valid recipient, so no empty message is ever sent.
  'rfc2920/3.2/no-delivery-empty-message': 'SKIPPED',
  'rfc5321/4.1.1.4/no-extra-crlf': 'PASS',
  'rfc5321/4.5.2/all-ascii-delivered': 'PASS',
  'rfc5321/4.1.2/quoted-local-part-relayed': 'PASS',
  'rfc5321/4.1.1.3/source-route-accepted': 'PASS',
  'rfc5321/4.5.3.1.1/localpart-64': 'PASS',
  'rfc5321/4.5.3.1.3/path-256': 'PASS',
  'rfc5321/4.5.3.1.6/text-line-1000': 'PASS',
  'rfc5321/4.5.3.1.6/overlong-line': 'PASS',
  'rfc5321/4.5.3.1.8/100-recipients': 'PASS',
  'rfc5321/4.5.3.1.8/orderly-limit': 'PASS',
  'rfc5321/6.4/relay-no-fixups': 'PASS',
  'rfc5321/6.3/loop-detection': 'PASS',
  'rfc5321/2.4/8bit-without-negotiation': 'PASS',
  'rfc1869/7/received-with-esmtp': 'PASS',
  'rfc6531/3.7.3/received-utf8-with': 'PASS',
  'rfc6531/3.7.3/ascii-trace-to-ascii-hop': 'PASS',
  // A store-and-forward relay accepts and bounces later: the in-line refusal does not apply.
  'rfc6531/3.5/post-data-554-x69': 'SKIPPED',
  'rfc6532/3/utf8-headers-need-smtputf8': 'PASS',
  'rfc6532/3.4/line-length-octets': 'PASS',
  'rfc6532/3.7/message-global': 'PASS',
  'smuggling/4.1.1.4/inbound-no-second-message': 'PASS',
  'rfc5321/7.9/no-open-relay': 'PASS',
};

const checks = allChecks.filter((c) => c.id in EXPECTED);

describe('relay checks of the RFC 5321 core', () => {
  it('the reference relay passes them', async () => {
    expect(checks.map((c) => c.id).sort()).toEqual(Object.keys(EXPECTED).sort());
    const results = await runAgainstReference(checks);
    const wrong = results.filter((r) => r.grade !== EXPECTED[r.id]);
    expect(wrong, describeResults(results)).toEqual([]);
  });

  it.each(relayCoreMutants.map((m) => [m.name, m] as const))('%s is caught', async (_n, mutant) => {
    const declared = new Set<string>([...mutant.kills, ...(mutant.nonStrict ?? [])]);
    const results = await runAgainstReference(allChecks.filter((c) => declared.has(c.id)), { mutant: mutant.name });
    expect(results.length, describeResults(results)).toBe(declared.size);
    for (const r of results) expect(r.grade, describeResults(results)).toBe(mutant.kills.includes(r.id) ? 'FAIL' : 'NON-STRICT');
  });

  // Checks graded info have no mutant to kill; these show that they do record a deviation.
  it.each([
    ['rfc6532/3.4/line-length-octets', 'wraps-long-lines'],
    ['rfc6532/3.7/message-global', 'no-8bit-downgrade'],
  ])('%s records the deviation of %s as INFO', async (id, mutant) => {
    const results = await runAgainstReference(allChecks.filter((c) => c.id === id), { mutant });
    expect(results.map((r) => r.grade), describeResults(results)).toEqual(['INFO']);
  });

  // The end-of-data mutants of the client-side smuggling checks also let a smuggled message through
  // to the sink: the sink-side check sees it.
  it.each(['bare-lf-ends-data', 'any-newline-ends-data'])('%s lets a smuggled message reach the sink', async (mutant) => {
    const results = await runAgainstReference(allChecks.filter((c) => c.id === 'smuggling/4.1.1.4/inbound-no-second-message'), { mutant });
    expect(results.map((r) => r.grade), describeResults(results)).toEqual(['FAIL']);
  });
});
