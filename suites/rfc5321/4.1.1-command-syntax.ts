import { handshake, mailFrom, rcptTo } from '../../harness/dialog.js';
import { describeOutcome, isClass, type Outcome } from '../../harness/session/outcome.js';
import { required } from '../../harness/setup.js';
import { expectReply, info, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.1.1: receivers SHOULD tolerate trailing white space before the CRLF; RSET, DATA and
// QUIT take no arguments, and a server SHOULD refuse arguments with 501 (§4.3.2). DATA with an
// argument must not enter data mode. QUIT with arguments answered 221 is common (Postfix) and
// only recorded (catalog ambiguity 7).

/** A command that takes no argument, sent with one: 501 preferred, any 5xx tolerated. */
function gradeArgument(outcome: Outcome, what: string): Verdict {
  const verdict = expectReply(outcome, { class: 'permfail', preferred: [501] }, what);
  if (verdict.kind === 'violation' && isClass(outcome, 'intermediate')) {
    return violation(verdict.expected, verdict.actual, `${what}: 354, the server entered data mode although DATA had an argument`);
  }
  return verdict;
}

export const commandSyntaxChecks = [
  defineCheck({
    id: 'rfc5321/4.1.1/trailing-whitespace',
    title: 'Sends "NOOP ", "MAIL FROM:<…> " and "RCPT TO:<…>\\t" with trailing white space',
    requirement: 'The server SHOULD tolerate trailing white space: the same replies as without it (250)',
    level: 'SHOULD',
    catalog: ['5321-4.1.1-trailing-whitespace'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const noop = await s.send('NOOP ');
      const mail = await s.send(`MAIL FROM:<${ctx.sender}> `);
      // Two refusals at most per connection: the RCPT probe gets a fresh one.
      const second = await ctx.connect();
      await handshake(second, ctx);
      await mailFrom(second, ctx);
      const rcpt = await second.send(`RCPT TO:<${ctx.rcpt}>\t`);
      return worstOf([
        { probe: '"NOOP "', verdict: expectReply(noop, { class: 'ok', preferred: [250] }, 'NOOP with a trailing space') },
        { probe: '"MAIL FROM:<…> "', verdict: expectReply(mail, { class: 'ok', preferred: [250] }, 'MAIL with a trailing space') },
        { probe: '"RCPT TO:<…>\\t"', verdict: expectReply(rcpt, { class: 'ok', preferred: [250, 251] }, 'RCPT with a trailing tab') },
      ]);
    },
  }),

  defineCheck({
    id: 'rfc5321/4.1.1/no-argument-commands',
    title: 'Sends "RSET junk", "DATA junk" inside a transaction with a recipient, and (on a second connection) "QUIT junk"',
    requirement: 'The server SHOULD refuse arguments to RSET, DATA and QUIT with 501, and MUST NOT enter data mode for "DATA junk"',
    level: 'SHOULD',
    catalog: ['5321-4.1.1-no-args-commands'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const rset = await s.send('RSET junk');
      if (isClass(rset, 'ok')) required(await s.send('RSET'), 'RSET');
      await mailFrom(s, ctx);
      await rcptTo(s, ctx);
      const data = await s.send('DATA junk');
      const second = await ctx.connect();
      required(second.greeting, 'greeting', [220]);
      const quit = await second.send('QUIT junk');
      const quitVerdict = isClass(quit, 'ok')
        ? info(['501'], describeOutcome(quit), 'QUIT with an argument was accepted (221); many servers skip the syntax check for QUIT')
        : expectReply(quit, { class: 'permfail', preferred: [501] }, 'QUIT junk');
      if (!second.isClosed) await second.send('QUIT');
      return worstOf([
        { probe: 'RSET junk', verdict: gradeArgument(rset, 'RSET junk') },
        { probe: 'DATA junk', verdict: gradeArgument(data, 'DATA junk') },
        { probe: 'QUIT junk', verdict: quitVerdict },
      ]);
    },
  }),
];
