import type { CheckContext } from '../../harness/check.js';
import { handshake, mailFrom } from '../../harness/dialog.js';
import { describeOutcome, type Outcome, type Reply } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 6531 §3.7.4: reply texts stay ASCII, except a 251/551 after a MAIL with SMTPUTF8 and the
// reply to a VRFY/EXPN that carries the SMTPUTF8 parameter (§3.7.4.1-3.7.4.2). VRFY and EXPN take
// that optional parameter (§3.1 item 6); without it, an answer that would need UTF-8 is 252 or
// 550 (X.6.8) instead.

const nonAscii = (r: Reply): boolean => r.raw.some((b) => b > 0x7f);

function asciiVerdict(o: Outcome, what: string): Verdict {
  const expected = ['a reply in ASCII'];
  const actual = describeOutcome(o);
  if (o.kind === 'reply' && nonAscii(o)) return violation(expected, actual, `${what}: the reply contains non-ASCII octets`);
  return pass(expected, actual);
}

/**
 * VRFY (or EXPN) of a UTF-8 mailbox without, then with, the SMTPUTF8 parameter. A syntax refusal
 * counts against the parameter only when the command without it was not refused the same way
 * (a server that does not implement VRFY at all refuses both).
 */
async function probeVerb(s: Session, verb: 'VRFY' | 'EXPN', mailbox: string): Promise<Array<{ probe: string; verdict: Verdict }>> {
  const without = await s.send(`${verb} ${mailbox}`);
  const withParam = await s.send(`${verb} ${mailbox} SMTPUTF8`);
  const expected = [`any normal ${verb} reply (not a syntax error caused by the parameter)`];
  const actual = `${describeOutcome(withParam)} (without the parameter: ${describeOutcome(without)})`;
  const syntaxError = (o: Outcome): boolean => o.kind === 'reply' && [500, 501, 555].includes(o.code);
  let withVerdict: Verdict;
  if (withParam.kind !== 'reply') withVerdict = violation(expected, actual, `${verb} with the SMTPUTF8 parameter: ${describeOutcome(withParam)}`);
  else if (syntaxError(withParam) && !(without.kind === 'reply' && without.code === withParam.code)) withVerdict = violation(expected, actual, `${verb} with the SMTPUTF8 parameter was refused as a syntax error`);
  else withVerdict = pass(expected, actual);
  return [
    { probe: `${verb} without the parameter`, verdict: asciiVerdict(without, `${verb} of a UTF-8 mailbox without SMTPUTF8`) },
    { probe: `${verb} … SMTPUTF8`, verdict: withVerdict },
  ];
}

async function fresh(ctx: CheckContext): Promise<Session> {
  const s = await ctx.connect();
  await handshake(s, ctx);
  return s;
}

export const asciiReplyChecks = [
  // §3.7.4.2, last paragraph: outside the allowed cases no reply carries UTF-8. The probes are the
  // places where servers tend to echo the client's UTF-8: refusals of non-ASCII addresses in a
  // transaction without SMTPUTF8, VRFY, and an unknown command with a UTF-8 argument.
  defineCheck({
    id: 'rfc6531/3.7.4/no-utf8-in-replies',
    title: 'Sends UTF-8 addresses in MAIL and RCPT without SMTPUTF8, VRFY of a UTF-8 mailbox and an unknown command with a UTF-8 argument, and reads every reply',
    requirement: 'Replies MUST NOT contain non-ASCII text outside 251/551 after MAIL … SMTPUTF8 and VRFY/EXPN … SMTPUTF8',
    level: 'MUST NOT',
    severity: 'warn',
    severityNote: 'catalog ambiguity 14: echoing the client\'s own UTF-8 address in an error is common and mostly harmless',
    catalog: ['6531-3.7.4-no-utf8-in-replies'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const senderDomain = ctx.sender.split('@')[1] ?? ctx.heloName;
      const mail = await s.send(`MAIL FROM:<jörg@${senderDomain}>`);
      if (mail.kind === 'reply' && mail.code === 250) await s.send('RSET');
      if (!s.isClosed) {
        await mailFrom(s, ctx);
        await s.send(`RCPT TO:<δοκιμή-${ctx.token}@${ctx.localDomain}>`);
        await s.send(`VRFY <δοκιμή-${ctx.token}@${ctx.localDomain}>`);
        if (s.protocolErrors < 2) await s.send(`XYZZYNOSUCHCMD δοκιμή`);
      }
      const seen = s.replies.slice(1);
      const offending = seen.filter(nonAscii).map((r) => describeOutcome(r));
      const expected = ['every reply in ASCII'];
      const actual = `${seen.length} replies` + (offending.length ? `; non-ASCII: ${offending.join(' | ')}` : '');
      return offending.length === 0 ? pass(expected, actual) : violation(expected, actual, `replies with non-ASCII text: ${offending.join(' | ')}`);
    },
  }),

  defineCheck({
    id: 'rfc6531/3.7.4.2/vrfy-expn-parameter',
    title: 'Sends VRFY δοκιμή@local SMTPUTF8, then VRFY δοκιμή@local without the parameter (the same for EXPN when advertised)',
    requirement: 'VRFY/EXPN MUST accept the SMTPUTF8 parameter, and without it MUST NOT put UTF-8 in the reply (252 or 550 X.6.8 instead)',
    level: 'MUST',
    severity: 'warn',
    severityNote: 'the catalog grades warn: VRFY and EXPN are rarely enabled for the public',
    catalog: ['6531-3.7.4.2-vrfy-expn-parameter'],
    requires: ['SMTPUTF8'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const mailbox = `δοκιμή@${ctx.localDomain}`;
      const parts = await probeVerb(s, 'VRFY', mailbox);
      if (s.has('EXPN')) parts.push(...(await probeVerb(s.protocolErrors > 0 || s.isClosed ? await fresh(ctx) : s, 'EXPN', mailbox)));
      return worstOf(parts);
    },
  }),
];
