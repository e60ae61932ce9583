import { handshake, mailFrom } from '../../harness/dialog.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import { pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { advertisedLimit } from './support.js';

// RFC 1870 §6.4: a server MAY refuse single recipients because of the declared size (a mailbox
// quota), with 452 (try later) or 552 (do not retry); else RCPT is accepted as usual.

export const perRecipientChecks = [
  defineCheck({
    id: 'rfc1870/6.4/per-recipient-size',
    title: 'Declares a SIZE at the advertised limit (or 10 MB) and sends RCPT to the test mailbox',
    requirement: 'The server MAY refuse the recipient for its size with 452 or 552; otherwise it accepts it',
    level: 'MAY',
    catalog: ['1870-6.4-per-recipient-size'],
    requires: ['SIZE'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const limit = advertisedLimit(s);
      const size = limit !== undefined && limit > 0 && limit < 1e15 ? limit : 10 * 1024 * 1024;
      await mailFrom(s, ctx, { params: `SIZE=${size}` });
      const reply = await s.send(`RCPT TO:<${ctx.rcpt}>`);
      const expected = ['250', '251', '452', '552'];
      const actual = describeOutcome(reply);
      if (reply.kind === 'reply' && [250, 251, 452, 552].includes(reply.code)) return pass(expected, actual, reply.code >= 400 ? `the recipient was refused for a declared size of ${size}` : undefined);
      return violation(expected, actual, `RCPT after SIZE=${size} got ${actual}`);
    },
  }),
];
