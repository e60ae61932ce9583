import { defineCheck } from '../define.js';
import { collectReplies, gradeCorpus } from './reply-corpus.js';

// RFC 5321 §4.3.2 (and §4.3.1): each command's replies SHOULD come from its row of the
// command-reply table, and codes keep their meaning. Any command may also get 500, 501 or 421;
// RFC 4954 §6 and RFC 3207 §4 add 530 for servers that require AUTH or TLS first.

const ANY = [500, 501, 421];
const GATED = [530];

/** The rows of §4.3.2 (success and error codes), by the verb the reply answers. */
const TABLE: Readonly<Record<string, readonly number[]>> = {
  greeting: [220, 554, 421],
  EHLO: [250, 504, 550, 502, ...ANY],
  HELO: [250, 504, 550, 502, ...ANY],
  MAIL: [250, 552, 451, 452, 550, 553, 503, 455, 555, ...ANY, ...GATED],
  RCPT: [250, 251, 550, 551, 552, 553, 450, 451, 452, 503, 455, 555, ...ANY, ...GATED],
  DATA: [354, 503, 554, ...ANY, ...GATED],
  'end of data': [250, 552, 554, 451, 452, 450, 550, 421],
  RSET: [250, ...ANY],
  VRFY: [250, 251, 252, 550, 551, 553, 502, 504, ...ANY, ...GATED],
  EXPN: [250, 252, 550, 500, 502, 504, ...ANY, ...GATED],
  HELP: [211, 214, 502, 504, ...ANY],
  NOOP: [250, ...ANY],
  QUIT: [221, ...ANY],
  'unknown command': [500, 502, ...ANY],
};

export const replyCodesPerCommandChecks = [
  defineCheck({
    id: 'rfc5321/4.3.2/reply-codes-per-command',
    title: 'Runs a session with a transaction, HELP, VRFY, an unknown command and a long sender, and checks each reply against its command\'s row',
    requirement: 'Replies SHOULD use the codes of their command\'s row in the RFC 5321 §4.3.2 table',
    level: 'SHOULD',
    catalog: ['5321-4.3.2-reply-codes-per-command'],
    run: async (s, ctx) =>
      gradeCorpus(await collectReplies(s, ctx), 'each code from its command\'s row of §4.3.2', (e) => {
        const row = TABLE[e.command];
        if (row === undefined || row.includes(e.reply.code)) return undefined;
        return `${e.reply.code} is not in the ${e.command} row (${[...new Set(row)].join(', ')})`;
      }),
  }),
];
