import { escapeBytes } from '../../harness/session/escape.js';
import { defineCheck } from '../define.js';
import { collectReplies, gradeCorpus, rawTexts } from './reply-corpus.js';

// RFC 5321 §4.2: textstring = 1*(%d09 / %d32-126): reply text is HT, SP and printable US-ASCII.
// UTF-8 is allowed only where RFC 6531 allows it, which none of these exchanges asks for.

export const replyTextAsciiChecks = [
  defineCheck({
    id: 'rfc5321/4.2/reply-text-ascii',
    title: 'Runs a session with a transaction, HELP, VRFY, an unknown command and a long sender, and checks every reply text',
    requirement: 'Reply text MUST consist of HT, SP and printable US-ASCII only',
    level: 'MUST',
    severity: 'warn',
    severityNote: 'an implied rule (textstring ABNF) that clients rarely depend on (catalog grade warn)',
    catalog: ['5321-4.2-reply-text-ascii'],
    run: async (s, ctx) =>
      gradeCorpus(await collectReplies(s, ctx), 'reply text of HT, SP and %d33-126 only', (e) => {
        const bad = rawTexts(e.reply).find((t) => /[^\x09\x20-\x7e]/.test(t));
        return bad === undefined ? undefined : `text with octets outside HT/SP/printable ASCII: "${escapeBytes(Buffer.from(bad, 'latin1')).slice(0, 120)}"`;
      }),
  }),
];
