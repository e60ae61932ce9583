import { handshake, mailFrom } from '../../harness/dialog.js';
import { expectReply, worstOf } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 1869 §6 and §6.1: a MAIL or RCPT parameter the server does not recognise gets 555. RFC 1869
// names no code for a malformed parameter, so 501 or 555 both answer that one.

export const unknownParameterChecks = [
  defineCheck({
    id: 'rfc1869/6.1/unknown-rcpt-parameter',
    title: 'Sends RCPT with an unknown parameter XFOOBAR=1, then RCPT with a malformed parameter "=oops"',
    requirement: 'An unrecognised RCPT parameter MUST be refused, with 555',
    level: 'MUST',
    // Catalog ambiguity 2: the 555 is stated declaratively and servers commonly answer 501/504, so
    // another 5xx is NON-STRICT (expectReply's preferred code); accepting the parameter is FAIL.
    catalog: ['1869-6.1-unknown-parameter-555'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      await mailFrom(s, ctx);
      const unknown = await s.send(`RCPT TO:<${ctx.rcpt}> XFOOBAR=1`);
      const unknownVerdict = expectReply(unknown, { class: 'permfail', preferred: [555] }, 'unknown RCPT parameter');
      if (s.isClosed) return worstOf([{ probe: 'XFOOBAR=1', verdict: unknownVerdict }]);
      const broken = await s.send(`RCPT TO:<${ctx.rcpt}> =oops`);
      const brokenVerdict = expectReply(broken, { class: 'permfail', preferred: [501, 555] }, 'malformed RCPT parameter');
      return worstOf([
        { probe: 'XFOOBAR=1', verdict: unknownVerdict },
        { probe: '=oops', verdict: brokenVerdict },
      ]);
    },
  }),
];
