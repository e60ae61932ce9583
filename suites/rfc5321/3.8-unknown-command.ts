import { handshake } from '../../harness/dialog.js';
import { expectReply, worstOf } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §3.8 and §4.2.4: a server does not close the connection because of a command it does not
// recognise (only after QUIT, a 421 or a timeout); it answers 500 and the session goes on.

export const unknownCommandChecks = [
  // §4.2.4: 500 is "command not recognized"; 502 means recognised but not implemented, which is the
  // wrong claim for an invented verb (NON-STRICT). A close, 221 or 421 fails.
  defineCheck({
    id: 'rfc5321/3.8/unknown-command-keeps-session',
    title: 'Sends an invented command "XYZZYNOSUCHCMD arg", then NOOP',
    requirement: 'The server MUST answer an unknown command with 500 and keep the session open (NOOP → 250)',
    level: 'MUST',
    catalog: ['5321-3.8-no-close-on-unknown-command'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const unknown = await s.send('XYZZYNOSUCHCMD arg');
      const noop = await s.send('NOOP');
      return worstOf([
        { probe: 'XYZZYNOSUCHCMD arg', verdict: expectReply(unknown, { class: 'permfail', preferred: [500] }, 'unknown command') },
        { probe: 'NOOP after it', verdict: expectReply(noop, { class: 'ok', preferred: [250] }, 'NOOP after the unknown command') },
      ]);
    },
  }),
];
