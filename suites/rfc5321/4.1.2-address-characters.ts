import { handshake, mailFrom } from '../../harness/dialog.js';
import { describeOutcome, isClass, type Outcome } from '../../harness/session/outcome.js';
import { required } from '../../harness/setup.js';
import { expectReply, inconclusive, nonStrict, pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.1.2: mailbox names admit no control characters (atext and qtextSMTP exclude them),
// and domain labels only letters, digits and hyphens; a command with invalid characters, absent
// other grounds for refusal, MUST be rejected with 501 (§4.1.4: and opens no transaction).

/** 501 is the code; another 5xx is NON-STRICT; acceptance breaks the MUST. */
function gradeInvalid(outcome: Outcome, what: string): Verdict {
  return expectReply(outcome, { class: 'permfail', preferred: [501] }, what);
}

export const addressCharacterChecks = [
  // Control characters make the path a syntax error, so accepting one is graded fail; a close on
  // NUL is warn (Exim answers 501 but others drop the session).
  defineCheck({
    id: 'rfc5321/4.1.2/ctl-in-address',
    title: 'Sends RCPT TO the test mailbox with \\x01, then with \\x7F inside its local part, and (on a second connection) MAIL FROM:<a\\x00b@…>',
    requirement: 'The server MUST reject addresses with control characters, with 501',
    level: 'MUST',
    catalog: ['5321-4.1.2-ctl-or-8bit-in-address'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      await mailFrom(s, ctx);
      // The control character goes inside the test mailbox, so that a server that drops it accepts.
      const at = ctx.rcpt.lastIndexOf('@');
      const withCtl = (c: string) => `${ctx.rcpt.slice(0, 1)}${c}${ctx.rcpt.slice(1, at)}@${ctx.rcpt.slice(at + 1)}`;
      const soh = await s.send(`RCPT TO:<${withCtl('\x01')}>`);
      const del = await s.send(`RCPT TO:<${withCtl('\x7f')}>`);
      const second = await ctx.connect();
      await handshake(second, ctx);
      const nul = await second.send(`MAIL FROM:<a\x00b@${ctx.heloName}>`);
      const nulVerdict =
        nul.kind === 'closed'
          ? nonStrict(['501'], describeOutcome(nul), 'the server closed the connection on a NUL instead of answering 501')
          : gradeInvalid(nul, 'MAIL with NUL');
      return worstOf([
        { probe: 'RCPT with \\x01', verdict: gradeInvalid(soh, 'RCPT with \\x01') },
        { probe: 'RCPT with \\x7F', verdict: gradeInvalid(del, 'RCPT with \\x7F') },
        { probe: 'MAIL with \\x00', verdict: nulVerdict },
      ]);
    },
  }),

  // Graded warn: most deployed servers accept underscores for interoperability (catalog ambiguity 11).
  defineCheck({
    id: 'rfc5321/4.1.2/underscore-in-domain',
    title: 'Sends EHLO bad_label.<helo name>, MAIL FROM:<…@bad_label.…> and RCPT TO:<…@bad_label.<local domain>>',
    requirement: 'Domain labels are letters, digits and hyphens; the server MUST refuse an underscore with 501',
    level: 'MUST',
    severity: 'warn',
    severityNote: 'most deployed servers accept underscores for interoperability (catalog ambiguity 11)',
    catalog: ['5321-4.1.2-underscore-in-domain'],
    run: async (s, ctx) => {
      required(s.greeting, 'greeting', [220]);
      const ehlo = await s.send(`EHLO bad_label.${ctx.heloName}`);
      // MAIL on a connection of its own: a second EHLO here would test rfc5321/4.1.4/second-ehlo-resets,
      // and a server that refuses it (OpenSMTPD: 503) must not stop this check.
      const first = await ctx.connect();
      await handshake(first, ctx);
      const mail = await first.send(`MAIL FROM:<sender@bad_label.${ctx.heloName}>`);
      const second = await ctx.connect();
      await handshake(second, ctx);
      await mailFrom(second, ctx);
      const rcpt = await second.send(`RCPT TO:<user@bad_label.${ctx.localDomain}>`);
      return worstOf([
        { probe: 'EHLO bad_label…', verdict: gradeInvalid(ehlo, 'EHLO with an underscore') },
        { probe: 'MAIL FROM:<…@bad_label…>', verdict: gradeEnvelope(mail, 'MAIL with an underscore in the domain') },
        { probe: 'RCPT TO:<…@bad_label…>', verdict: gradeEnvelope(rcpt, 'RCPT with an underscore in the domain') },
      ]);
    },
  }),
];

/** In MAIL/RCPT another refusal (relay denied, unknown domain) may have other grounds: inconclusive. */
function gradeEnvelope(outcome: Outcome, what: string): Verdict {
  const expected = ['501', 'any refusal'];
  const actual = describeOutcome(outcome);
  if (outcome.kind === 'reply' && outcome.code === 501) return pass(expected, actual);
  if (isClass(outcome, 'ok')) return violation(expected, actual, `${what} accepted`);
  return inconclusive(expected, actual, `${what} refused with ${actual}, perhaps on other grounds than the underscore`);
}
