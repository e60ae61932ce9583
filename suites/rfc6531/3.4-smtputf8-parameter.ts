import { handshake, mailFrom, simpleMessage } from '../../harness/dialog.js';
import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import { expectReply, nonStrict, pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 6531 §3.4: the SMTPUTF8 MAIL parameter (no value) is what permits UTF-8 in the envelope.
// Without it a non-ASCII address is refused: 550 for MAIL and 553 for RCPT, with enhanced code
// X.6.7 (§3.5). Replies stay ASCII (§3.7.4.2). An ASCII message may still carry the parameter.

/** Refusal of a UTF-8 address sent without the parameter: any 5xx; `code` + X.6.7 preferred. */
function refusal(o: Outcome, code: number, what: string): Verdict {
  const expected = [`${code} 5.6.7`, 'any 5xx'];
  const actual = describeOutcome(o);
  if (o.kind !== 'reply' || Math.floor(o.code / 100) !== 5) return violation(expected, actual, `${what} without SMTPUTF8 was not refused`);
  // §3.7.4.2: no UTF-8 in replies here; echoing the address is common, hence non-strict (ambiguity 14).
  if (o.raw.some((b) => b > 0x7f)) return nonStrict(expected, actual, `${what}: the refusal text contains non-ASCII octets`);
  if (o.code !== code) return nonStrict(expected, actual, `${what}: ${o.code} refuses, but RFC 6531 §3.5 names ${code}`);
  if (o.enhanced !== undefined && !/^5\.6\.7$/.test(o.enhanced)) return nonStrict(expected, actual, `${what}: enhanced code ${o.enhanced}, RFC 6531 §3.5 names X.6.7`);
  return pass(expected, actual);
}

export const smtputf8ParameterChecks = [
  defineCheck({
    id: 'rfc6531/3.4/utf8-without-parameter',
    title: 'Sends MAIL FROM:<jörg@…> without SMTPUTF8; then an ASCII MAIL and RCPT TO a UTF-8 mailbox without it',
    requirement: 'Without the SMTPUTF8 parameter a non-ASCII address MUST be refused (550 for MAIL, 553 for RCPT, X.6.7)',
    level: 'MUST',
    catalog: ['6531-3.4-utf8-without-parameter'],
    requires: ['SMTPUTF8'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const senderDomain = ctx.sender.split('@')[1] ?? ctx.heloName;
      const mail = await s.send(`MAIL FROM:<jörg@${senderDomain}>`);
      if (mail.kind === 'reply' && mail.code === 250) await s.send('RSET');
      const mailVerdict = refusal(mail, 550, 'UTF-8 reverse-path');
      if (s.isClosed) return worstOf([{ probe: 'MAIL', verdict: mailVerdict }]);
      await mailFrom(s, ctx);
      const rcpt = await s.send(`RCPT TO:<δοκιμή@${ctx.localDomain}>`);
      return worstOf([
        { probe: 'MAIL', verdict: mailVerdict },
        { probe: 'RCPT', verdict: refusal(rcpt, 553, 'UTF-8 forward-path') },
      ]);
    },
  }),

  // §3.1 item 4 / §3.4: the parameter is a bare keyword; a value makes it malformed.
  defineCheck({
    id: 'rfc6531/3.4/parameter-takes-no-value',
    title: 'Sends MAIL with SMTPUTF8=YES',
    requirement: 'SMTPUTF8 with a value MUST be refused as a parameter error (501 or 555)',
    level: 'MUST',
    severity: 'warn',
    severityNote: 'the MUST is about the parameter\'s form; the server\'s refusal is implied, so the catalog grades warn',
    catalog: ['6531-3.4-parameter-takes-no-value'],
    requires: ['SMTPUTF8'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const reply = await s.send(`MAIL FROM:<${ctx.sender}> SMTPUTF8=YES`);
      return expectReply(reply, { class: 'permfail', preferred: [501, 555] }, 'SMTPUTF8=YES');
    },
  }),

  // §3.4 and §3.6: a client may send the parameter with an all-ASCII message, and the server
  // need not inspect the message; refusing it for being plain ASCII breaks interoperation.
  defineCheck({
    id: 'rfc6531/3.4/ascii-mail-with-parameter',
    title: 'Sends an all-ASCII transaction whose MAIL carries SMTPUTF8',
    requirement: 'An ASCII message sent with SMTPUTF8 MUST be accepted like any other (250 throughout)',
    level: 'MUST',
    catalog: ['6531-3.4-ascii-mail-with-parameter'],
    requires: ['SMTPUTF8'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const steps: Array<[string, Outcome, readonly number[]]> = [];
      const mail = await s.send(`MAIL FROM:<${ctx.sender}> SMTPUTF8`);
      steps.push(['MAIL … SMTPUTF8', mail, [250]]);
      if (mail.kind === 'reply' && mail.code === 250) {
        const rcpt = await s.send(`RCPT TO:<${ctx.rcpt}>`);
        steps.push(['RCPT', rcpt, [250, 251]]);
        if (rcpt.kind === 'reply' && (rcpt.code === 250 || rcpt.code === 251)) {
          const data = await s.send('DATA');
          steps.push(['DATA', data, [354]]);
          if (data.kind === 'reply' && data.code === 354) {
            await s.sendRaw(Buffer.from(simpleMessage(ctx) + '.\r\n', 'utf8'));
            steps.push(['end of data', await s.read(), [250]]);
          }
        }
      }
      return worstOf(
        steps.map(([probe, o, codes]) => ({
          probe,
          verdict: o.kind === 'reply' && codes.includes(o.code) ? pass(codes.map(String), describeOutcome(o)) : violation(codes.map(String), describeOutcome(o), `${probe} refused: ${describeOutcome(o)}`),
        })),
      );
    },
  }),
];
