import { handshake } from '../../harness/dialog.js';
import { describeOutcome, replyClass } from '../../harness/session/outcome.js';
import { expectReply, nonStrict, pass, worstOf } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.1.1.8 (and §4.3.2): HELP without an argument SHOULD be supported (211 or 214); with
// an argument it MAY be, 504 saying the argument is not supported.

export const helpChecks = [
  defineCheck({
    id: 'rfc5321/4.1.1.8/help',
    title: 'Sends HELP, then HELP MAIL',
    requirement: 'The server SHOULD answer HELP with 214 (or 211); HELP MAIL gets 211/214, or 504',
    level: 'SHOULD',
    catalog: ['5321-4.1.1.8-help'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const help = await s.send('HELP');
      const topic = await s.send('HELP MAIL');
      const expected = ['211/214', '504'];
      const actual = describeOutcome(topic);
      const topicVerdict =
        topic.kind === 'reply' && (replyClass(topic.code) === 'ok' || topic.code === 504)
          ? pass(expected, actual)
          : nonStrict(expected, actual, `HELP with an argument answered ${actual}: 211/214 or 504 (argument not supported) expected`);
      return worstOf([
        { probe: 'HELP', verdict: expectReply(help, { class: 'ok', preferred: [214, 211] }, 'HELP') },
        { probe: 'HELP MAIL', verdict: topicVerdict },
      ]);
    },
  }),
];
