import { handshake } from '../../harness/dialog.js';
import { pass, skip, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 6409 §3.1 (with RFC 3207 §4.3): port 587 is for message submission - ESMTP with the MSA
// rules, where STARTTLS is valid and AUTH is how clients are recognised.

export const port587Checks = [
  defineCheck({
    id: 'rfc6409/3.1/port-587',
    title: 'On port 587: sends EHLO and records whether STARTTLS and AUTH are offered',
    requirement: 'A server on port 587 speaks ESMTP for submission: EHLO works, and STARTTLS or AUTH is offered',
    level: 'INFO',
    catalog: ['6409-3.1-port-587'],
    appliesTo: 'targets on the submission port 587',
    run: async (s, ctx) => {
      if (s.options.port !== 587) return skip(`the target is on port ${s.options.port}, not the submission port 587`);
      await handshake(s, ctx);
      const offered = ['STARTTLS', 'AUTH'].filter((k) => s.has(k)).map((k) => [k, ...(s.params(k) ?? [])].join(' '));
      const expected = ['STARTTLS and/or AUTH'];
      return offered.length > 0 ? pass(expected, offered.join(', ')) : violation(expected, 'neither STARTTLS nor AUTH', 'port 587 offers no way to protect or authenticate a submission');
    },
  }),
];
