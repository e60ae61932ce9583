import type { CheckContext } from '../../harness/check.js';
import { nonexistentMailbox, simpleMessage } from '../../harness/dialog.js';
import { required } from '../../harness/setup.js';
import type { Outcome, Reply } from '../../harness/session/outcome.js';
import { plainResponse } from '../../harness/session/sasl.js';
import type { Session } from '../../harness/session/session.js';

// The representative session the RFC 2034 / RFC 3463 monitors inspect: one of each kind of reply a
// client meets (greeting, EHLO or HELO, MAIL, RCPT accepted and refused, DATA and its end, RSET,
// NOOP, VRFY, HELP, an unknown command, QUIT), each remembered with the command that produced it.
// Not a check file: index.ts does not list it.

export interface Exchange {
  /** The command as sent ("(greeting)" for the greeting, "(end of data)" after the final dot). */
  readonly command: string;
  readonly reply: Reply;
}

/** RFC 2034 §3: the greeting and the replies to EHLO/HELO carry no enhanced code. */
export function isExempt(e: Exchange): boolean {
  return e.command === '(greeting)' || /^(EHLO|HELO) /i.test(e.command);
}

/**
 * A status code as RFC 2034 §3 places it: first thing in the line's text, followed by a space
 * (or the end of the line). Deliberately lenient about the digits (5.01.1 still counts as
 * present): RFC 3463's syntax is graded by its own check.
 */
const PRESENT = /^(\d+\.\d+\.\d+)(?= |$)/;

export function statusCodeOf(text: string): string | undefined {
  return PRESENT.exec(text)?.[1];
}

/** Anything at the start of the text that looks like an attempt at a status code ("5 .1.1", "5.1"). */
export function statusCodeAttempt(text: string): string | undefined {
  return /^\d+(?:\s*\.\s*\d+)+(?=\s|$)/.exec(text)?.[0];
}

/** A reply line as it was received, for expected/actual fields. */
export function shown(e: Exchange, line = 0): string {
  return `${e.command} → ${e.reply.code}${e.reply.lines.length > 1 ? (line === e.reply.lines.length - 1 ? ' ' : '-') : ' '}${e.reply.lines[line] ?? ''}`;
}

/**
 * Runs the session and returns its exchanges. `opener` is EHLO (the extension's normal use) or
 * HELO (RFC 2034 §4: the codes do not depend on EHLO). Refusals are recorded, never fatal; the
 * unknown command is left out once two protocol errors were spent (connection hygiene).
 */
export async function representativeSession(s: Session, ctx: CheckContext, opener: 'EHLO' | 'HELO'): Promise<Exchange[]> {
  const exchanges: Exchange[] = [];
  const record = (command: string, o: Outcome): Outcome => {
    if (o.kind === 'reply') exchanges.push({ command, reply: o });
    return o;
  };
  record('(greeting)', required(s.greeting, 'greeting', [220]));
  const hello = opener === 'EHLO' ? await s.ehlo(ctx.heloName) : await s.helo(ctx.heloName);
  record(`${opener} ${ctx.heloName}`, required(hello, `${opener} ${ctx.heloName}`));
  const step = async (command: string): Promise<Outcome> => (s.isClosed ? { kind: 'closed', partial: Buffer.alloc(0) } : record(command, await s.send(command)));

  // A failed authentication (535) when PLAIN is offered: one more kind of 5xx, not a protocol error.
  if (opener === 'EHLO' && (s.params('AUTH') ?? []).some((m) => m.toUpperCase() === 'PLAIN')) {
    await step(`AUTH PLAIN ${plainResponse({ user: `nosuchuser-${ctx.token}`, pass: `wrong-${ctx.token}` })}`);
  }
  await step(`MAIL FROM:<${ctx.sender}>`);
  const accepted = await step(`RCPT TO:<${ctx.rcpt}>`);
  await step(`RCPT TO:<${nonexistentMailbox(ctx)}>`);
  if (accepted.kind === 'reply' && (accepted.code === 250 || accepted.code === 251)) {
    const data = await step('DATA');
    if (data.kind === 'reply' && data.code === 354) {
      await s.sendRaw(Buffer.from(simpleMessage(ctx) + '.\r\n', 'utf8'));
      record('(end of data)', await s.read());
    }
  }
  await step('RSET');
  await step('NOOP');
  await step(`VRFY <${ctx.rcpt}>`);
  await step('HELP');
  if (s.protocolErrors < 2) await step('XYZZYNOSUCHCMD');
  await step('QUIT');
  return exchanges;
}

/** The 2xx/4xx/5xx replies RFC 2034 §3 puts an enhanced code on. */
export function qualifying(exchanges: readonly Exchange[]): Exchange[] {
  return exchanges.filter((e) => !isExempt(e) && Math.floor(e.reply.code / 100) !== 3);
}
