import { simpleMessage } from '../../harness/dialog.js';
import { describeOutcome, replyClass, type Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { expectReply, pass, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.5.4.2: a server SHOULD keep listening and handle several sessions at once; one that
// serves a single transaction at a time does not meet the intent. Three connections are opened
// together (the later two are greeted only if the first does not hold them up) and their
// transactions are interleaved step by step.

type Step = readonly [name: string, want: 'ok' | 'intermediate', act: (session: Session) => Promise<Outcome>];

export const concurrentSessionChecks = [
  defineCheck({
    id: 'rfc5321/4.5.4.2/concurrent-sessions',
    title: 'Opens three connections at once and runs their transactions interleaved, step by step',
    requirement: 'The server SHOULD greet and serve several sessions at the same time',
    level: 'SHOULD',
    catalog: ['5321-4.5.4.2-concurrent-sessions'],
    run: async (s, ctx) => {
      const sessions: Session[] = [s, ...(await Promise.all([ctx.connect(), ctx.connect()]))];
      const steps: readonly Step[] = [
        ['EHLO', 'ok', (x) => x.ehlo(ctx.heloName)],
        ['MAIL', 'ok', (x) => x.send(`MAIL FROM:<${ctx.sender}>`)],
        ['RCPT', 'ok', (x) => x.send(`RCPT TO:<${ctx.rcpt}>`)],
        ['DATA', 'intermediate', (x) => x.send('DATA')],
        ['end of data', 'ok', async (x) => (await x.sendRaw(Buffer.from(simpleMessage(ctx), 'utf8')), await x.sendRaw('.\r\n'), x.read())],
      ];
      // What went wrong first on each connection, if anything; the greeting is the first step.
      const failed: Array<Verdict | undefined> = sessions.map((x, i) => {
        const v = expectReply(x.greeting, { class: 'ok', preferred: [220] }, `greeting of connection ${i + 1}`);
        return v.kind === 'pass' ? undefined : v;
      });
      const last: Outcome[] = sessions.map((x) => x.greeting);
      for (const [name, want, act] of steps) {
        for (const [i, session] of sessions.entries()) {
          if (failed[i]) continue;
          last[i] = await act(session);
          const o = last[i]!;
          if (o.kind !== 'reply' || replyClass(o.code) !== want) failed[i] = expectReply(o, { class: want }, `${name} on connection ${i + 1}`);
        }
      }
      return worstOf(sessions.map((_, i) => ({ probe: `connection ${i + 1}`, verdict: failed[i] ?? pass(['greeting, EHLO, MAIL, RCPT, DATA, 250'], describeOutcome(last[i]!)) })));
    },
  }),
];
