import fc from 'fast-check';
import { GRADES, summarize, type CheckResult, type RunReport } from '../../../harness/result.js';
import { report } from './fixtures.js';

export { propertySeed } from '../../support/property-seed.js';

const SPECIALS = ['<', '>', '&', '"', "'", ']]>', '\u0000', '\u001b', '\r', '\n', '\t', '#', '\\', '\ud800', '\udfff', '\ufffe', '\uffff', '\u2028', '\u0085', '---', '...', '# SKIP', 'δ'];

/** Any UTF-16 string: specials, any code unit (so lone surrogates), any code point. */
export const anyString = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...SPECIALS),
    fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
  ),
  maxLength: 40,
});

const rfcs = fc.constantFrom('rfc5321', 'rfc6152', 'smuggling');

export const anyResult: fc.Arbitrary<CheckResult> = fc
  .record({
    rfc: rfcs,
    section: fc.constantFrom('4.1.4', '4.5.2', '3', 'bare-lf'),
    slug: fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/),
    title: anyString,
    requirement: anyString,
    grade: fc.constantFrom(...GRADES),
    durationMs: fc.oneof(fc.nat({ max: 600_000 }), fc.double({ noNaN: false })),
    expected: fc.array(anyString, { maxLength: 3 }),
    actual: anyString,
    reason: anyString,
    transcript: anyString,
  })
  .map(({ slug, ...r }) => ({
    ...r,
    id: `${r.rfc}/${r.section}/${slug}`,
    level: 'MUST' as const,
    severity: 'fail' as const,
    catalog: [],
    requires: [],
    needs: [],
  }));

export const anyReport: fc.Arbitrary<RunReport> = fc
  .record({ results: fc.array(anyResult, { maxLength: 12 }), targetName: anyString, version: anyString })
  .map(({ results, targetName, version }) =>
    report(results, {
      summary: summarize(results),
      tool: { name: 'smtpspec', version },
      target: { name: targetName, url: 'not a url', greeting: '', ehlo: [] },
    }),
  );
