import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseDialogArbitrary, permutedLine, upperLine } from '../../../harness/model/case-dialog.js';
import type { CheckContext } from '../../../harness/check.js';

const ctx = { heloName: 'client.test', sender: 'Sender@client.test', rcpt: 'User@reference.test', localDomain: 'reference.test', token: 'tok', probeKeywords: new Set(['8BITMIME', 'SIZE', 'SMTPUTF8']) } as unknown as CheckContext;
const seed = Number(process.env.SMTPSPEC_TEST_SEED ?? Math.floor(Math.random() * 2 ** 31));

describe(`case permutations (seed ${seed})`, () => {
  it('change the case of verbs, FROM:/TO: and parameter names only, never of addresses or values', () => {
    console.log(`case dialog seed ${seed}`);
    fc.assert(
      fc.property(caseDialogArbitrary(ctx, 10), (dialog) => {
        for (const d of dialog) {
          const upper = upperLine(d.step);
          const permuted = permutedLine(d);
          expect(permuted.toUpperCase()).toBe(upper.toUpperCase());
          // Addresses and values keep their exact spelling.
          for (const keep of ['Sender@client.test', 'User@reference.test', '=8BITMIME', '=1000']) expect(upper.includes(keep)).toBe(permuted.includes(keep));
        }
      }),
      { seed, numRuns: 300 },
    );
  });

  it('offer only the parameters of advertised extensions', () => {
    const lines = fc.sample(caseDialogArbitrary(ctx, 10), { seed, numRuns: 200 }).flat().map((d) => upperLine(d.step));
    expect(lines.some((l) => l.includes('BODY=8BITMIME'))).toBe(true);
    expect(lines.some((l) => l.includes('RET=HDRS'))).toBe(false);
  });
});
