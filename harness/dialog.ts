import type { CheckContext } from './check.js';
import { describeOutcome, type Outcome, type Reply } from './session/outcome.js';
import type { Session } from './session/session.js';
import { BlockedBy, required } from './setup.js';

// Building blocks for the steps a check needs before (or around) the probe it is about. Each one
// throws SetupFailed when the server does not cooperate, which the runner grades ERROR.

/** Requires a 220 greeting, then EHLO with 250. */
export async function handshake(s: Session, ctx: CheckContext): Promise<Reply> {
  required(s.greeting, 'greeting', [220]);
  return required(await s.ehlo(ctx.heloName), `EHLO ${ctx.heloName}`);
}

/** Requires a 220 greeting, then HELO with 250. */
export async function heloHandshake(s: Session, ctx: CheckContext): Promise<Reply> {
  required(s.greeting, 'greeting', [220]);
  return required(await s.helo(ctx.heloName), `HELO ${ctx.heloName}`);
}

/** MAIL FROM with the run's sender (or `from`) and optional parameters; requires 250. */
export async function mailFrom(s: Session, ctx: CheckContext, opts: { from?: string; params?: string } = {}): Promise<Reply> {
  const line = `MAIL FROM:<${opts.from ?? ctx.sender}>` + (opts.params ? ` ${opts.params}` : '');
  return required(await s.send(line), line);
}

/** RCPT TO the run's local mailbox (or `to`); requires 250 or 251. */
export async function rcptTo(s: Session, ctx: CheckContext, to: string = ctx.rcpt): Promise<Reply> {
  const line = `RCPT TO:<${to}>`;
  return required(await s.send(line), line, [250, 251]);
}

/** EHLO, MAIL and one RCPT: a transaction ready for DATA. */
export async function openTransaction(s: Session, ctx: CheckContext, opts: { params?: string } = {}): Promise<void> {
  await handshake(s, ctx);
  await mailFrom(s, ctx, opts.params === undefined ? {} : { params: opts.params });
  await rcptTo(s, ctx);
}

/**
 * DATA (requires 354), then `content` exactly as given, then the end-of-data line; returns the
 * reply to the end of data. `content` must already be dot-stuffed and end with CRLF.
 */
export async function sendData(s: Session, content: Uint8Array | string): Promise<Outcome> {
  required(await s.send('DATA'), 'DATA', [354]);
  await s.sendRaw(typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
  await s.sendRaw('.\r\n');
  return s.read();
}

/** RFC 5321 §4.5.2: one more leading dot on every line that starts with a dot. */
export function dotStuff(text: string): string {
  return text.replace(/(^|\r\n)\./g, '$1..');
}

/** A minimal RFC 5322 message with CRLF line ends, tagged with the check's token. */
export function simpleMessage(ctx: CheckContext, body = 'smtpspec test message\r\n', extraHeaders = ''): string {
  return (
    `From: <${ctx.sender}>\r\n` +
    `To: <${ctx.rcpt}>\r\n` +
    `Subject: smtpspec ${ctx.token}\r\n` +
    `Message-ID: <${ctx.token}@client.test>\r\n` +
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}\r\n` +
    extraHeaders +
    `\r\n` +
    body
  );
}

/** A mailbox at the target's local domain that certainly does not exist. */
export function nonexistentMailbox(ctx: CheckContext): string {
  return `nobody-${ctx.token}@${ctx.localDomain}`;
}

/**
 * STARTTLS and the handshake, for a check that needs a TLS session to probe its requirement: a
 * reply other than 220 is a setup failure (SetupFailed); a 220 followed by a failed handshake
 * blocks the check (BlockedBy), since rfc3207/4/starttls-replies grades that failure.
 */
export async function startTlsSession(s: Session, step = 'STARTTLS'): Promise<void> {
  required(await s.send('STARTTLS'), step, [220]);
  const failure = await s.handshakeTls();
  if (failure) throw new BlockedBy(`the server answered 220 to ${step} but the TLS handshake failed (${describeOutcome(failure)})`, 'rfc3207/4/starttls-replies');
}
