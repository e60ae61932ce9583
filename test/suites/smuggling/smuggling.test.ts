import { describe, expect, it } from 'vitest';
import { smugglingChecks as allOfSuite } from '../../../suites/smuggling/index.js';
import { gradesAgainstFake } from '../../support/fake-smtp/run-checks.js';

// Relay checks (needs: ['sink']) are tested against the relaying reference server and its relay
// mutants (test/suites/reference.test.ts, mutants.test.ts), not against these fakes.
const smugglingChecks = allOfSuite.filter((c) => !c.needs?.includes('sink'));

describe('smuggling checks against scripted fake servers', () => {
  it('has the ten end-of-data variants, the bare CR/LF check and the pipelined-DATA probe', () => {
    expect(smugglingChecks.map((c) => c.id)).toHaveLength(12);
    expect(new Set(smugglingChecks.map((c) => c.id)).size).toBe(12);
  });

  it('pass on a server that ends data only at CRLF.CRLF and refuses bare CR/LF', async () => {
    const grades = await gradesAgainstFake(smugglingChecks);
    expect(Object.values(grades).every((g) => g === 'PASS'), JSON.stringify(grades)).toBe(true);
  });

  it('fail on a server that takes any newline as a line end inside the data', async () => {
    const grades = await gradesAgainstFake(smugglingChecks, { anyNewlineEndsData: true });
    for (const slug of ['lf-dot-lf', 'lf-dot-crlf', 'cr-dot-cr', 'cr-dot-lf', 'lf-dot-cr', 'crlf-dot-lf', 'cr-dot-crlf', 'crlf-dot-cr']) {
      expect(grades[`smuggling/4.1.1.4/${slug}`], slug).toBe('FAIL');
    }
    // NUL variants are not bare-newline bugs: this server still handles them.
    expect(grades['smuggling/4.1.1.4/crlf-nul-dot-crlf']).toBe('PASS');
  });

  it('pass on a server that answers a bare CR or LF in the data with 421 and closes (RFC 5321 §3.8)', async () => {
    const grades = await gradesAgainstFake(smugglingChecks, { bareInData421: 'close' });
    for (const [id, grade] of Object.entries(grades)) if (id.startsWith('smuggling/4.1.1.4/') || id === 'smuggling/2.3.8/bare-cr-lf-in-data') expect(grade, id).toBe('PASS');
    // A 421 that leaves the connection open is no refusal: the smuggled commands are read and run.
    const open = await gradesAgainstFake(smugglingChecks, { bareInData421: 'stay-open' });
    expect(open['smuggling/4.1.1.4/lf-dot-lf']).toBe('FAIL');
  });

  it('grades acceptance of bare CR/LF in data NON-STRICT (only the sink can tell more)', async () => {
    const grades = await gradesAgainstFake(smugglingChecks, { acceptBareInData: true });
    expect(grades['smuggling/2.3.8/bare-cr-lf-in-data']).toBe('NON-STRICT');
  });
});
