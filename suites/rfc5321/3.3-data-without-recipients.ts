import type { CheckContext } from '../../harness/check.js';
import { handshake, mailFrom } from '../../harness/dialog.js';
import { describeOutcome, replyClass, type Outcome } from '../../harness/session/outcome.js';
import { nonStrict, pass, violation, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §3.3: without a valid MAIL and at least one accepted RCPT there is no transaction to
// take data for; the server MAY answer DATA with 503 (bad sequence) or 554 (no valid recipients),
// and the client may only send data after 354. §4.1.4 / §4.3.2 list 503 and 554 for DATA.

const EXPECTED = ['503', '554', 'any 5xx'];

/** Grades the reply to a DATA that has no transaction behind it. */
function gradeDataRefusal(reply: Outcome, what: string): Verdict {
  const actual = describeOutcome(reply);
  if (reply.kind !== 'reply') return violation(EXPECTED, actual, `${what}: ${actual}`);
  if (reply.code === 503 || reply.code === 554) return pass(EXPECTED, actual);
  switch (replyClass(reply.code)) {
    case 'permfail':
      // §3.3 names 503/554 with MAY; any 5yz stops the client, so another 5xx meets the requirement.
      return pass(EXPECTED, actual, `${reply.code} refuses DATA; RFC 5321 §3.3 suggests 503 or 554`);
    case 'tempfail':
      return nonStrict(EXPECTED, actual, `${what}: ${reply.code} refuses DATA for now, but the sequence error is permanent (503/554)`);
    default:
      return violation(EXPECTED, actual, `${what}: ${reply.code} accepts DATA although there is no recipient`);
  }
}

export const dataWithoutRecipientsChecks = [
  // §3.3 case A: no MAIL at all. A 354 is left unanswered: the runner closes the connection, so the
  // server never gets a message to deliver.
  defineCheck({
    id: 'rfc5321/3.3/data-before-mail',
    title: 'Sends DATA right after EHLO, without MAIL',
    requirement: 'The server MAY refuse with 503 or 554; it must not answer 354 without a transaction',
    level: 'MAY',
    severity: 'warn',
    severityNote: 'RFC 5321 §3.3 words the codes as MAY, but a 354 without a transaction invites an empty delivery',
    catalog: ['5321-3.3-data-without-valid-rcpt'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      return gradeDataRefusal(await s.send('DATA'), 'DATA without MAIL');
    },
  }),

  // §3.3 case B: MAIL accepted, no RCPT.
  defineCheck({
    id: 'rfc5321/3.3/data-before-rcpt',
    title: 'Sends MAIL and then DATA, without RCPT',
    requirement: 'The server MAY refuse with 503 or 554; it must not answer 354 without a recipient',
    level: 'MAY',
    severity: 'warn',
    severityNote: 'RFC 5321 §3.3 words the codes as MAY, but a 354 without a recipient invites an empty delivery',
    catalog: ['5321-3.3-data-without-valid-rcpt'],
    run: async (s, ctx: CheckContext) => {
      await handshake(s, ctx);
      await mailFrom(s, ctx);
      return gradeDataRefusal(await s.send('DATA'), 'DATA without RCPT');
    },
  }),
];
