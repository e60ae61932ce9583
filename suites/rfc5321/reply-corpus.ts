import type { CheckContext } from '../../harness/check.js';
import { nonexistentMailbox, simpleMessage } from '../../harness/dialog.js';
import { describeOutcome, type Outcome, type Reply } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { inconclusive, pass, violation, type Verdict } from '../../harness/verdict.js';

// The replies the "global monitor" entries of the catalog look at (reply text, codes, codes per
// command, line length; RFC 5321 §4.2, §4.2.1, §4.3.2, §4.5.3.1.5): an ordinary session plus a few
// commands that tempt a server to echo long or odd client input, on three connections so that no
// connection collects more than two protocol errors.

export interface Exchange {
  /** The verb the reply answers ("greeting", "end of data", "EHLO", …). */
  readonly command: string;
  readonly reply: Reply;
}

export interface Corpus {
  readonly log: readonly Exchange[];
  /** Set when a command got no readable reply, so that the corpus is incomplete. */
  readonly cut: string | undefined;
}

export async function collectReplies(s: Session, ctx: CheckContext): Promise<Corpus> {
  const log: Exchange[] = [];
  let cut: string | undefined;
  const keep = (command: string, o: Outcome): Outcome => {
    if (o.kind === 'reply') log.push({ command, reply: o });
    else cut ??= `${command}: ${describeOutcome(o)}`;
    return o;
  };
  const run = async (session: Session, lines: readonly string[]) => {
    keep('greeting', session.greeting);
    if (session.greeting.kind !== 'reply' || session.greeting.code !== 220) return;
    for (const line of lines) {
      if (session.isClosed) return void (cut ??= `connection closed before ${line.split(' ')[0]}`);
      const verb = line.split(' ')[0]!.toUpperCase();
      const o = keep(verb.startsWith('XYZZY') ? 'unknown command' : verb, await session.send(line));
      if (verb === 'DATA' && o.kind === 'reply' && o.code === 354) {
        await session.sendRaw(Buffer.from(simpleMessage(ctx), 'utf8'));
        await session.sendRaw('.\r\n');
        keep('end of data', await session.read());
      }
    }
  };
  await run(s, [
    `EHLO ${ctx.heloName}`,
    `MAIL FROM:<${ctx.sender}>`,
    `RCPT TO:<${nonexistentMailbox(ctx)}>`,
    `RCPT TO:<${ctx.rcpt}>`,
    'DATA',
    'RSET',
    'NOOP',
    'QUIT',
  ]);
  await run(await ctx.connect(), [`EHLO ${ctx.heloName}`, 'HELP', 'VRFY postmaster', 'QUIT']);
  // Long input a server might echo: a 512-octet unknown command, a 300-octet sender.
  await run(await ctx.connect(), [
    `EHLO ${ctx.heloName}`,
    `XYZZYNOSUCHCMD ${'x'.repeat(512 - 2 - 15)}`,
    `MAIL FROM:<${'s'.repeat(280)}@${ctx.heloName}>`,
    'RSET',
    'QUIT',
  ]);
  return { log, cut };
}

/** The text of every line of a reply, exactly as received (latin1), without code, separator and line end. */
export function rawTexts(reply: Reply): string[] {
  return reply.raw
    .toString('latin1')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.replace(/\r$/, '').slice(4));
}

/** Grades the corpus: `problem` returns a description for a reply that breaks the rule. */
export function gradeCorpus({ log, cut }: Corpus, expected: string, problem: (e: Exchange) => string | undefined): Verdict {
  const problems = log.flatMap((e) => {
    const p = problem(e);
    return p === undefined ? [] : [`${e.command}: ${p}`];
  });
  const actual = `${log.length} replies: ${log.map((e) => `${e.command} ${e.reply.code}`).join(', ')}`;
  if (problems.length > 0) return violation([expected], actual, problems.join('; '));
  if (cut !== undefined) return inconclusive([expected], actual, `the dialog was cut short (${cut}); the replies seen were fine`);
  return pass([expected], actual);
}
