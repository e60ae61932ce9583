import type { CheckContext } from '../../harness/check.js';
import { handshake } from '../../harness/dialog.js';
import { describeOutcome, replyClass, type Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { required } from '../../harness/setup.js';
import { expectReply, pass, violation, worstOf, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';
import { mulberry32, randomCase, requireReply, transactionProbes, type Probe } from './support.js';

// RFC 5321 §2.4: command verbs, argument keywords such as FROM: and TO:, and extension keywords
// are not case sensitive ("MUST be recognized" in any case; only local-parts may be).

/** A whole session in the given spelling: EHLO, MAIL, RCPT, DATA + message, QUIT. */
async function transactionIn(s: Session, ctx: CheckContext, spell: (word: string) => string): Promise<Verdict> {
  required(s.greeting, 'greeting', [220]);
  const ehloLine = `${spell('EHLO')} ${ctx.heloName}`;
  const probes: Probe[] = [{ probe: ehloLine, verdict: expectReply(await s.send(ehloLine), { class: 'ok', preferred: [250] }) }];
  if (probes[0]!.verdict.kind === 'pass') {
    const steps = await transactionProbes(s, ctx, {
      mail: `${spell('MAIL')} ${spell('FROM:')}<${ctx.sender}>`,
      rcpt: `${spell('RCPT')} ${spell('TO:')}<${ctx.rcpt}>`,
      data: spell('DATA'),
    });
    probes.push(...steps);
    if (steps.length === 4 && steps[3]!.verdict.kind !== 'violation') {
      const quitLine = spell('QUIT');
      probes.push({ probe: quitLine, verdict: expectReply(await s.send(quitLine), { class: 'ok', preferred: [221] }) });
    }
  }
  return worstOf(probes);
}

/** Sends `upper`, then `lower`, on the same connection; the two replies must be of the same class. */
async function sameClass(s: Session, upper: string, lower: string): Promise<Probe> {
  const base = requireReply(await s.send(upper), upper);
  const probe: Outcome = await s.send(lower);
  const expected = [`same class as ${upper} (${base.code})`];
  const actual = `${describeOutcome(probe)} (${upper}: ${describeOutcome(base)})`;
  const verdict =
    probe.kind === 'reply' && replyClass(probe.code) === replyClass(base.code)
      ? pass(expected, actual)
      : violation(expected, actual, `got ${describeOutcome(probe)} where "${upper}" got ${base.code}`);
  return { probe: lower, verdict };
}

export const caseInsensitiveChecks = [
  // §2.4: a complete session spelled in lower case gets the replies the RFC prescribes.
  defineCheck({
    id: 'rfc5321/2.4/lower-case-transaction',
    title: 'Sends ehlo, mail from:, rcpt to:, data and quit in lower case',
    requirement: 'The server MUST recognise verbs and FROM:/TO: in lower case: 250, 250, 250, 354, 250, 221',
    level: 'MUST',
    catalog: ['5321-2.4-verbs-case-insensitive'],
    run: (s, ctx) => transactionIn(s, ctx, (w) => w.toLowerCase()),
  }),

  // §2.4: the same in random mixed case (seeded: --seed replays the variants shown in the result).
  defineCheck({
    id: 'rfc5321/2.4/mixed-case-transaction',
    title: 'Sends EHLO, MAIL FROM:, RCPT TO:, DATA and QUIT in random mixed case',
    requirement: 'The server MUST recognise verbs and FROM:/TO: in any mix of case: 250, 250, 250, 354, 250, 221',
    level: 'MUST',
    catalog: ['5321-2.4-verbs-case-insensitive'],
    run: (s, ctx) => {
      const rand = mulberry32(ctx.seed);
      return transactionIn(s, ctx, (w) => randomCase(w, rand));
    },
  }),

  // §2.4 for the commands outside a transaction: each lower-case form must get a reply of the same
  // class as its upper-case form. VRFY and HELP may legitimately be refused (502), so the upper-case
  // reply is the baseline; they get their own connections to keep at most two errors per connection.
  defineCheck({
    id: 'rfc5321/2.4/lower-case-verbs',
    title: 'Sends NOOP/noop, RSET/rset, VRFY/vrfy, HELP/help, then quit',
    requirement: 'The server MUST answer lower-case verbs like the upper-case ones, and quit with 221',
    level: 'MUST',
    catalog: ['5321-2.4-verbs-case-insensitive'],
    run: async (s, ctx) => {
      await handshake(s, ctx);
      const probes: Probe[] = [await sameClass(s, 'NOOP', 'noop'), await sameClass(s, 'RSET', 'rset')];
      const vrfy = await ctx.connect();
      await handshake(vrfy, ctx);
      probes.push(await sameClass(vrfy, `VRFY ${ctx.rcpt}`, `vrfy ${ctx.rcpt}`));
      const help = await ctx.connect();
      await handshake(help, ctx);
      probes.push(await sameClass(help, 'HELP', 'help'));
      // QUIT ends the session, so only the lower-case form is sent, last.
      probes.push({ probe: 'quit', verdict: expectReply(await help.send('quit'), { class: 'ok', preferred: [221] }) });
      return worstOf(probes);
    },
  }),
];
