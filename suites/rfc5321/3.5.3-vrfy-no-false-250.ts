import { handshake, nonexistentMailbox } from '../../harness/dialog.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import { inconclusive, pass, violation } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §3.5.3 (and §7.3): a server MUST NOT answer 250 to VRFY unless it actually verified the
// address; a syntax check alone does not justify it. A mailbox that certainly does not exist must
// therefore never get 250.

export const vrfyNoFalse250Checks = [
  defineCheck({
    id: 'rfc5321/3.5.3/vrfy-no-false-250',
    title: 'Sends VRFY for a mailbox of the local domain that certainly does not exist',
    requirement: 'The server MUST NOT answer 250 to VRFY of an address it has not verified (550/551/553, 252 or 502 are fine)',
    level: 'MUST NOT',
    catalog: ['5321-3.5.3-vrfy-no-false-250'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const nobody = nonexistentMailbox(ctx);
      const reply = await s.send(`VRFY <${nobody}>`);
      const expected = ['550/551/553', '252', '502', 'anything but 250'];
      const actual = describeOutcome(reply);
      if (reply.kind !== 'reply') return inconclusive(expected, actual, `no reply to VRFY: ${actual}`);
      if (reply.code === 250) return violation(expected, actual, `250 to VRFY of ${nobody}, which does not exist`);
      return pass(expected, actual);
    },
  }),
];
