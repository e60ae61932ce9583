import { describeOutcome } from '../../harness/session/outcome.js';
import { expectReply, pass, violation, worstOf } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 1869 §4.5: a server that recognises EHLO but finds its argument unacceptable answers 501.

export const ehloBadArgumentChecks = [
  defineCheck({
    id: 'rfc1869/4.5/ehlo-bad-argument-501',
    title: 'Sends EHLO without an argument, then EHLO with a name containing spaces',
    requirement: 'An unacceptable EHLO argument MUST be answered with 501',
    level: 'MUST',
    catalog: ['1869-4.5-ehlo-bad-argument-501'],
    run: async (s) => {
      if (s.greeting.kind !== 'reply' || s.greeting.code !== 220) {
        return violation(['220 greeting'], describeOutcome(s.greeting), 'no 220 greeting, EHLO cannot be probed');
      }
      const empty = await s.send('EHLO');
      const emptyVerdict = expectReply(empty, { class: 'permfail', preferred: [501] }, 'EHLO without argument');
      if (s.isClosed) return worstOf([{ probe: 'EHLO', verdict: emptyVerdict }]);
      // RFC 5321 §4.1.4 asks servers to tolerate text after an address literal, so a 250 to a
      // name with spaces is tolerated; a refusal must still be 501.
      const spaced = await s.send('EHLO bad host name with spaces!');
      const spacedVerdict =
        spaced.kind === 'reply' && spaced.code === 250
          ? pass(['501', '250 (tolerated)'], describeOutcome(spaced), 'accepted; tolerated by RFC 5321 §4.1.4')
          : expectReply(spaced, { class: 'permfail', preferred: [501] }, 'EHLO with spaces');
      return worstOf([
        { probe: 'EHLO', verdict: emptyVerdict },
        { probe: 'EHLO bad host name with spaces!', verdict: spacedVerdict },
      ]);
    },
  }),
];
