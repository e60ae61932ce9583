import type { Check, CheckContext } from '../../harness/check.js';
import { openTransaction } from '../../harness/dialog.js';
import { required } from '../../harness/setup.js';
import { describeOutcome, replyClass, type Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { pass, violation, type Verdict } from '../../harness/verdict.js';
import { defineCheck } from '../define.js';

// RFC 5321 §4.1.1.4 (and §2.3.8): only CRLF "." CRLF ends the mail data. A server that also takes
// a bare LF or CR, or ignores a NUL, as part of an end-of-data sequence can be made to read the
// rest of the "message" as new commands: SMTP smuggling (CVE-2023-51764/-51765/-51766). The ten
// sequences are those of Hanno Böck's smtpsmug tool, each sent after a CRLF-terminated line.

export const BOGUS_END_OF_DATA: ReadonlyArray<{ slug: string; bytes: string }> = [
  { slug: 'lf-dot-lf', bytes: '\n.\n' },
  { slug: 'lf-dot-crlf', bytes: '\n.\r\n' },
  { slug: 'cr-dot-cr', bytes: '\r.\r' },
  { slug: 'cr-dot-lf', bytes: '\r.\n' },
  { slug: 'lf-dot-cr', bytes: '\n.\r' },
  { slug: 'crlf-dot-lf', bytes: '\r\n.\n' },
  { slug: 'cr-dot-crlf', bytes: '\r.\r\n' },
  { slug: 'crlf-dot-cr', bytes: '\r\n.\r' },
  { slug: 'crlf-nul-dot-crlf', bytes: '\r\n\x00.\r\n' },
  { slug: 'crlf-dot-nul-crlf', bytes: '\r\n.\x00\r\n' },
];

/** Wait after the bogus sequence: long enough for a server that took it as the end to answer. */
const BOGUS_WAIT_MS = 1_000;
/** Wait after the one expected final reply, for replies to the smuggled commands. */
const EXTRA_WAIT_MS = 500;

function escaped(bytes: string): string {
  return bytes.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\x00/g, '\\x00');
}

/**
 * True when the replies are a single 5xx, or a 421, and the server then closes: a refusal, not
 * smuggling. 421 counts because RFC 5321 §3.8 lets a server answer 421 and close at any point
 * (Sendmail: "421 4.5.0 Bare linefeed (LF) not allowed"); it ends the session without reading
 * the smuggled text as commands, which is what this requirement is about.
 */
async function refusedAndClosed(s: Session, replies: readonly Outcome[]): Promise<boolean> {
  const [first, ...rest] = replies;
  if (!first || first.kind !== 'reply' || (replyClass(first.code) !== 'permfail' && first.code !== 421)) return false;
  if (rest.some((o) => o.kind === 'reply')) return false;
  return (await s.waitForClose(Math.min(5_000, s.options.replyTimeoutMs))) === 'closed';
}

async function probe(s: Session, ctx: CheckContext, bytes: string): Promise<Verdict> {
  await openTransaction(s, ctx);
  required(await s.send('DATA'), 'DATA', [354]);
  const smuggled = `MAIL FROM:<spoof@client.test>\r\nRCPT TO:<${ctx.rcpt}>\r\nDATA\r\nSubject: smuggled\r\n\r\nsmuggled\r\n`;
  await s.sendRaw(`Subject: smtpspec smuggling ${ctx.token}\r\n\r\nbody line\r\n` + bytes + smuggled);
  const early = await s.readExtra(BOGUS_WAIT_MS);
  const expected = ['no reply until the real CRLF.CRLF, then exactly one final reply', 'a 5xx (or 421) refusal, then close'];
  if (early.length > 0) {
    const actual = `after ${escaped(bytes)}: ${early.map(describeOutcome).join(' / ')}`;
    if (await refusedAndClosed(s, early)) return pass(expected, `${actual}, then close`);
    return violation(expected, actual, `the server answered before the real end of data: it took ${escaped(bytes)} as the end and read the smuggled text as commands`);
  }
  if (s.isClosed) return pass(expected, 'connection closed after the bogus sequence, without a reply');
  await s.sendRaw('after bogus end\r\n.\r\n');
  const final = await s.read();
  const extra = await s.readExtra(EXTRA_WAIT_MS);
  const actual = [final, ...extra].map(describeOutcome).join(' / ');
  if (final.kind !== 'reply' || replyClass(final.code) === 'intermediate') {
    return violation(expected, actual, 'no final reply to the real end of data: the session is out of sync');
  }
  if (extra.length > 0) return violation(expected, actual, `${extra.length + 1} replies to one end of data: the smuggled commands were executed`);
  return pass(expected, actual);
}

export const endOfDataChecks: readonly Check[] = BOGUS_END_OF_DATA.map(({ slug, bytes }) =>
  defineCheck({
    id: `smuggling/4.1.1.4/${slug}`,
    title: `Sends message text containing "${escaped(bytes)}" followed by a smuggled MAIL/RCPT/DATA, then the real end of data`,
    requirement: `The server MUST NOT take "${escaped(bytes)}" as the end of the data: one final reply, after the real CRLF.CRLF only`,
    level: 'MUST NOT',
    catalog: ['SMUG-5321-4.1.1.4-no-bogus-end-of-data'],
    run: (s, ctx) => probe(s, ctx, bytes),
  }),
);
