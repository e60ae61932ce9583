import type { CheckContext } from '../../harness/check.js';
import { handshake, mailFrom, rcptTo } from '../../harness/dialog.js';
import { describeOutcome, type Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { pass, violation, worstOf } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import type { Probe } from './support.js';

// RFC 5321 §4.2.4: a server MUST NOT advertise in EHLO a capability it then answers with 502 (or
// 500). Each advertised keyword that comes with a verb is tried in a harmless form, on a connection
// of its own: STARTTLS is not completed, AUTH is cancelled with "*", BDAT sends an empty non-final
// chunk (nothing is delivered), ETRN asks for the client's own domain.

interface Advertised {
  readonly keyword: string;
  readonly command: string;
  readonly probe: (s: Session, ctx: CheckContext) => Promise<Outcome>;
}

const VERBS: readonly Advertised[] = [
  { keyword: 'HELP', command: 'HELP', probe: (s) => s.send('HELP') },
  { keyword: 'VRFY', command: 'VRFY postmaster', probe: (s) => s.send('VRFY postmaster') },
  { keyword: 'EXPN', command: 'EXPN postmaster', probe: (s) => s.send('EXPN postmaster') },
  { keyword: 'ETRN', command: 'ETRN <helo name>', probe: (s, ctx) => s.send(`ETRN ${ctx.heloName}`) },
  { keyword: 'STARTTLS', command: 'STARTTLS', probe: (s) => s.send('STARTTLS') },
  {
    keyword: 'AUTH',
    command: 'AUTH <first mechanism>, then *',
    probe: async (s) => {
      const reply = await s.send(`AUTH ${s.params('AUTH')?.[0] ?? 'PLAIN'}`);
      if (reply.kind === 'reply' && reply.code === 334) await s.send('*');
      return reply;
    },
  },
  {
    keyword: 'CHUNKING',
    command: 'BDAT 0 (after MAIL and RCPT)',
    probe: async (s, ctx) => {
      await mailFrom(s, ctx);
      await rcptTo(s, ctx);
      const reply = await s.send('BDAT 0');
      await s.send('RSET');
      return reply;
    },
  },
];

export const noAdvertised502Checks = [
  defineCheck({
    id: 'rfc5321/4.2.4/no-advertised-502',
    title: 'Tries each advertised command (HELP, VRFY, EXPN, ETRN, STARTTLS, AUTH, BDAT) in a harmless form',
    requirement: 'The server MUST NOT answer 502 or 500 to a command whose keyword it advertises',
    level: 'MUST NOT',
    catalog: ['5321-4.2.4-no-advertised-502'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const advertised = VERBS.filter((v) => s.has(v.keyword));
      if (advertised.length === 0) return pass(['no 500/502 for an advertised command'], 'no advertised keyword with a verb to try');
      const probes: Probe[] = [];
      for (const v of advertised) {
        const session = await ctx.connect();
        await handshake(session, ctx);
        const reply = await v.probe(session, ctx);
        const expected = ['anything but 500/502'];
        const actual = describeOutcome(reply);
        const refused = reply.kind === 'reply' && (reply.code === 500 || reply.code === 502);
        probes.push({ probe: v.command, verdict: refused ? violation(expected, actual, `${v.keyword} is advertised but ${v.command} got ${reply.code}`) : pass(expected, actual) });
      }
      return worstOf(probes);
    },
  }),
];
