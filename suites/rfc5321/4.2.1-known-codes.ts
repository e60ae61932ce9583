import { defineCheck } from '../define.js';
import { collectReplies, gradeCorpus } from './reply-corpus.js';

// RFC 5321 §4.2.1-4.2.2, §4.3.2: servers SHOULD send only the reply codes RFC 5321 defines, or
// those of an extension in use, and not invent codes for slight variations of meaning.

/** RFC 5321 §4.2.2-4.2.3, plus RFC 4954 (AUTH), RFC 3207 (STARTTLS 454, 530) and RFC 7504 (521, 556). */
export const KNOWN_CODES: ReadonlySet<number> = new Set([
  211, 214, 220, 221, 250, 251, 252, 354, 421, 450, 451, 452, 455, 500, 501, 502, 503, 504, 550, 551, 552, 553, 554, 555,
  235, 334, 432, 454, 530, 534, 535, 538,
  521, 556,
]);

export const knownCodesChecks = [
  defineCheck({
    id: 'rfc5321/4.2.1/known-codes',
    title: 'Runs a session with a transaction, HELP, VRFY, an unknown command and a long sender, and checks every reply code',
    requirement: 'The server SHOULD use only reply codes defined by RFC 5321 or an extension in use',
    level: 'SHOULD',
    catalog: ['5321-4.2.1-known-codes'],
    run: async (s, ctx) =>
      gradeCorpus(await collectReplies(s, ctx), 'codes of RFC 5321 and its extensions only', (e) =>
        KNOWN_CODES.has(e.reply.code) ? undefined : `${e.reply.code} is not a code of RFC 5321 or of an extension in use`,
      ),
  }),
];
