import { handshake, mailFrom, rcptTo } from '../../harness/dialog.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import { required } from '../../harness/setup.js';
import type { Session } from '../../harness/session/session.js';
import { expectReply, pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.1.4: the order of commands, and what a server does with commands out of order.

export const commandOrderChecks = [
  // "RCPT ... can only be sent after MAIL" and 503 is the reply for a bad sequence (§4.1.4, §4.3.2).
  defineCheck({
    id: 'rfc5321/4.1.4/rcpt-before-mail',
    title: 'Sends RCPT before any MAIL',
    requirement: 'The server MUST refuse RCPT outside a mail transaction, normally with 503',
    level: 'MUST',
    catalog: ['5321-4.1.4-rcpt-before-mail'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const reply = await s.send(`RCPT TO:<${ctx.rcpt}>`);
      return expectReply(reply, { class: 'permfail', preferred: [503] }, 'RCPT before MAIL');
    },
  }),

  // §4.1.4: MAIL "MUST NOT" be sent while a transaction is open; a server that "cannot process"
  // it answers 503. An implicit reset is defensible, hence warn (catalog ambiguity 9).
  defineCheck({
    id: 'rfc5321/4.1.4/nested-mail',
    title: 'Sends a second MAIL inside an open transaction',
    requirement: 'The server SHOULD refuse the nested MAIL with 503',
    level: 'MUST',
    severity: 'warn',
    severityNote: 'RFC 5321 requires 503 only when the server cannot process the sequence; an implicit reset is defensible',
    catalog: ['5321-4.1.4-nested-mail'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      await mailFrom(s, ctx);
      const reply = await s.send(`MAIL FROM:<${ctx.sender}>`);
      return expectReply(reply, { class: 'permfail', preferred: [503] }, 'nested MAIL');
    },
  }),

  // §4.1.4: an EHLO later in the session resets the state "exactly as if a RSET command had been issued".
  defineCheck({
    id: 'rfc5321/4.1.4/second-ehlo-resets',
    title: 'Sends MAIL and RCPT, a second EHLO, then DATA and a new MAIL',
    requirement: 'A second EHLO MUST clear the transaction like RSET: DATA is refused and a new MAIL is accepted',
    level: 'MUST',
    catalog: ['5321-4.1.4-second-ehlo-resets', '1869-4.3-initial-state'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      await mailFrom(s, ctx);
      await rcptTo(s, ctx);
      const ehlo = await s.ehlo(ctx.heloName);
      const data = await s.send('DATA');
      if (data.kind === 'reply' && data.code === 354) {
        // Do not leave the server waiting for content.
        await s.sendRaw('.\r\n');
        await s.read();
      }
      const mail = await s.send(`MAIL FROM:<${ctx.sender}>`);
      return worstOf([
        { probe: 'second EHLO', verdict: expectReply(ehlo, { class: 'ok', preferred: [250] }) },
        { probe: 'DATA after it', verdict: expectReply(data, { class: 'permfail', preferred: [503, 554] }) },
        { probe: 'new MAIL', verdict: expectReply(mail, { class: 'ok', preferred: [250] }) },
      ]);
    },
  }),

  // §4.1.1.1 / §4.1.4: EHLO takes the client's domain as a required argument; 501 for a syntax error.
  defineCheck({
    id: 'rfc5321/4.1.4/ehlo-argument-required',
    title: 'Sends EHLO without an argument',
    requirement: 'The server MUST refuse EHLO without a domain, with 501',
    level: 'MUST',
    catalog: ['5321-4.1.4-ehlo-argument-required'],
    run: async (s) => {
      required(s.greeting, 'greeting', [220]);
      const reply = await s.send('EHLO');
      return expectReply(reply, { class: 'permfail', preferred: [501] }, 'EHLO without argument');
    },
  }),

  // §4.1.1.10 and §4.1.4: QUIT may be sent at any time, even before EHLO and inside a
  // transaction; the server MUST send 221 and then close the connection.
  defineCheck({
    id: 'rfc5321/4.1.4/quit-anytime',
    title: 'Sends QUIT right after the greeting, and (on a second connection) inside an open transaction',
    requirement: 'The server MUST answer QUIT with 221 and close the connection, in any state',
    level: 'MUST',
    catalog: ['5321-4.1.4-quit-anytime'],
    run: async (s, ctx) => {
      const beforeEhlo = await quitAndClose(s);
      const second = await ctx.connect();
      await handshake(second, ctx);
      await mailFrom(second, ctx);
      await rcptTo(second, ctx);
      return worstOf([
        { probe: 'QUIT before EHLO', verdict: beforeEhlo },
        { probe: 'QUIT inside a transaction', verdict: await quitAndClose(second) },
      ]);
    },
  }),
];

/** QUIT must get 221 and the server must close within 10 s (§4.1.1.10). */
async function quitAndClose(s: Session): Promise<Verdict> {
  const reply = await s.send('QUIT');
  const replyVerdict = expectReply(reply, { class: 'ok', preferred: [221] }, 'QUIT');
  if (replyVerdict.kind !== 'pass') return replyVerdict;
  const closed = await s.waitForClose(Math.min(10_000, s.options.replyTimeoutMs));
  return closed === 'closed'
    ? pass(['221 then close'], `${describeOutcome(reply)}, then close`)
    : violation(['221 then close'], `${describeOutcome(reply)}, connection still open`, 'the server did not close the connection after 221');
}
