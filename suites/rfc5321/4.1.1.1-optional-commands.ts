import type { CheckContext } from '../../harness/check.js';
import { handshake, mailFrom, rcptTo } from '../../harness/dialog.js';
import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { saysNotImplemented } from './vrfy-support.js';

// RFC 5321 §4.1.1.1 (with §4.5.1, §4.1.5): the EHLO reply MUST list a keyword for every optional
// command the server implements; the required commands (EHLO, HELO, MAIL, RCPT, DATA, RSET, NOOP,
// QUIT, VRFY) and private X-commands are exempt. Only commands whose keyword is missing are probed,
// each on a connection of its own (an unadvertised command usually gets an error reply). Graded
// warn: HELP is almost never listed although widely implemented (catalog ambiguity 10).

interface OptionalCommand {
  readonly keyword: string;
  readonly command: string;
  /** Sends the probe on a fresh connection after EHLO; returns its reply. */
  readonly probe: (s: Session, ctx: CheckContext) => Promise<Outcome>;
}

const OPTIONAL: readonly OptionalCommand[] = [
  { keyword: 'HELP', command: 'HELP', probe: (s) => s.send('HELP') },
  { keyword: 'EXPN', command: 'EXPN postmaster', probe: (s) => s.send('EXPN postmaster') },
  { keyword: 'ETRN', command: 'ETRN #<local domain>', probe: (s, ctx) => s.send(`ETRN #${ctx.localDomain}`) },
  { keyword: 'STARTTLS', command: 'STARTTLS', probe: (s) => s.send('STARTTLS') },
  { keyword: 'AUTH', command: 'AUTH X-NOSUCH', probe: (s) => s.send('AUTH X-NOSUCH') },
  {
    keyword: 'CHUNKING',
    command: 'BDAT 0 (after MAIL and RCPT)',
    // BDAT 0 without LAST: a server that does implement it waits for more chunks and delivers nothing.
    probe: async (s, ctx) => {
      await mailFrom(s, ctx);
      await rcptTo(s, ctx);
      return s.send('BDAT 0');
    },
  },
];

export const optionalCommandsChecks = [
  defineCheck({
    id: 'rfc5321/4.1.1.1/ehlo-lists-optional-commands',
    title: 'Tries each optional command whose keyword EHLO does not list (HELP, EXPN, ETRN, STARTTLS, AUTH, BDAT)',
    requirement: 'The EHLO reply MUST list the keyword of every optional command the server implements',
    level: 'MUST',
    severity: 'warn',
    severityNote: 'HELP is almost never listed although widely implemented (catalog ambiguity 10)',
    catalog: ['5321-4.1.1.1-ehlo-lists-optional-commands'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      // Inside TLS, STARTTLS is rightly no longer offered (RFC 3207 §4.2) and not probed.
      const unlisted = OPTIONAL.filter((c) => !s.has(c.keyword) && !(c.keyword === 'STARTTLS' && s.tlsActive));
      const expected = (c: OptionalCommand) => [`${c.keyword} listed in EHLO`, 'or the command refused as not implemented (500, 502, 521, 503 "not advertised")'];
      if (unlisted.length === 0) return pass(['every optional command listed or not implemented'], 'all of them are listed in EHLO');
      const probes: Array<{ probe: string; verdict: Verdict }> = [];
      for (const c of unlisted) {
        const probeSession = await ctx.connect();
        await handshake(probeSession, ctx);
        const reply = await c.probe(probeSession, ctx);
        const actual = describeOutcome(reply);
        const verdict = saysNotImplemented(reply)
          ? pass(expected(c), actual)
          : reply.kind !== 'reply'
            ? violation(expected(c), actual, `${c.command}: ${actual}`)
            : violation(expected(c), actual, `${c.command} answered ${reply.code}: implemented, but EHLO does not list ${c.keyword}`);
        probes.push({ probe: c.command, verdict });
      }
      return worstOf(probes);
    },
  }),
];
