import { handshake } from '../../harness/dialog.js';
import { expectReply } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.1.5: commands starting with "X" are private; a server that does not know one answers
// "500 Command not recognized" (it may, but need not, list its own X-commands in EHLO).

export const xCommandChecks = [
  defineCheck({
    id: 'rfc5321/4.1.5/x-command-500',
    title: 'Sends an unknown private X-command "XYZZYNOSUCHCMD"',
    requirement: 'The server answers an X-command it does not recognise with 500',
    level: 'MUST',
    severity: 'warn',
    severityNote: 'RFC 5321 §4.1.5 states the 500 descriptively; 502 is a common near miss, and closing is graded fail by rfc5321/3.8/unknown-command-keeps-session',
    catalog: ['5321-4.1.5-x-command-500'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      return expectReply(await s.send('XYZZYNOSUCHCMD'), { class: 'permfail', preferred: [500] }, 'unknown X-command');
    },
  }),
];
