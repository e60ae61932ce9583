import { handshake } from '../../harness/dialog.js';
import { expectReply } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.1.2: Reverse-path = Path / "<>". The null reverse-path is what notifications use
// (§3.6.3, §4.5.5), so a server must accept it as syntax.

export const nullReversePathChecks = [
  defineCheck({
    id: 'rfc5321/4.1.2/null-reverse-path',
    title: 'Sends MAIL FROM:<>',
    requirement: 'The server MUST accept the null reverse-path <> with 250',
    level: 'MUST',
    catalog: ['5321-4.1.2-null-reverse-path-accepted'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const reply = await s.send('MAIL FROM:<>');
      if (reply.kind === 'reply' && reply.code === 250) await s.send('RSET');
      return expectReply(reply, { class: 'ok', preferred: [250] }, 'MAIL FROM:<>');
    },
  }),
];
