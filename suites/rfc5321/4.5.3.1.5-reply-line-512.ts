import { defineCheck } from '../define.js';
import { collectReplies, gradeCorpus } from './reply-corpus.js';

// RFC 5321 §4.5.3.1.5: a reply line, code and CRLF included, is at most 512 octets; longer
// information goes into a multi-line reply. Echoing long client input is the usual way to break it.

export const replyLineChecks = [
  defineCheck({
    id: 'rfc5321/4.5.3.1.5/reply-line-512',
    title: 'Runs a session with a 512-octet unknown command and a 300-octet sender among other commands, and measures every reply line',
    requirement: 'Every reply line MUST be at most 512 octets, code and CRLF included',
    level: 'MUST',
    severity: 'warn',
    severityNote: 'clients commonly read longer lines; the catalog grades this limit warn',
    catalog: ['5321-4.5.3.1.5-reply-line-512'],
    run: async (s, ctx) =>
      gradeCorpus(await collectReplies(s, ctx), 'reply lines of at most 512 octets', (e) => {
        const lengths = e.reply.raw.toString('latin1').split(/(?<=\n)/).map((l) => l.length);
        const longest = Math.max(...lengths);
        return longest > 512 ? `a reply line of ${longest} octets` : undefined;
      }),
  }),
];
