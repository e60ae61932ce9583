import { replyClass, type Reply } from '../session/outcome.js';

// How the model reads a reply beyond its class: whether it is the server complaining about the
// client's protocol use (the hygiene budget counts those), or a refusal for policy reasons, which
// a client can cause without doing anything wrong.

/** RFC 5321 §4.2.2-4.2.3: "syntax error", "not implemented", "bad sequence", "parameter not implemented". */
export const PROTOCOL_ERROR_CODES: ReadonlySet<number> = new Set([500, 501, 502, 503, 504, 555]);

/** Real servers drop or tarpit a client after a few protocol errors (Exim: 3): two per connection. */
export const MAX_PROTOCOL_ERRORS = 2;

/**
 * Exim drops a client after 10 commands outside mail transactions (smtp_accept_max_nonmail, RSET
 * and EHLO included): the model opens a new connection after 8, which keeps it clear of that.
 */
export const MAX_NONMAIL_COMMANDS = 8;

/**
 * Sendmail slows a client down after three HELO/EHLO on one connection (MAXHELOCOMMANDS), to
 * seconds per reply: the model sends at most three per connection.
 */
export const MAX_GREETING_COMMANDS = 3;

export function isGreetingCommand(command: string): boolean {
  return ['HELO', 'EHLO'].includes((command.split(' ')[0] ?? '').toUpperCase());
}

const MAIL_COMMANDS: ReadonlySet<string> = new Set(['MAIL', 'RCPT', 'DATA', 'BDAT', 'QUIT']);

/** Whether a command (as the model names it: "NOOP", "EHLO client.test", "end of data") is a non-mail command. */
export function isNonMailCommand(command: string): boolean {
  if (command === 'end of data') return false;
  return !MAIL_COMMANDS.has((command.split(' ')[0] ?? '').toUpperCase());
}

export function isProtocolError(r: Reply): boolean {
  return PROTOCOL_ERROR_CODES.has(r.code);
}

/**
 * A refusal the server may make for reasons of its own (no such user, relay denied, greylisting,
 * sender domain unknown, resources): any 4xx, and any 5xx that is not a protocol error.
 */
export function isPolicyRefusal(r: Reply): boolean {
  const cls = replyClass(r.code);
  return cls === 'tempfail' || (cls === 'permfail' && !isProtocolError(r));
}

/**
 * A refusal that says the address itself is malformed: 500/501/555 (syntax), 553 ("mailbox name
 * not allowed") unless its enhanced code names a policy reason (X.7.x), and any reply whose
 * RFC 3463 code is X.1.3 / X.1.7 (bad address syntax) or X.5.2 (syntax error).
 */
export function isSyntaxRefusal(r: Reply): boolean {
  const cls = replyClass(r.code);
  if (cls !== 'permfail' && cls !== 'tempfail') return false;
  if (r.code === 500 || r.code === 501 || r.code === 555) return true;
  const subject = r.enhanced?.split('.').slice(1).join('.');
  if (subject === '1.3' || subject === '1.7' || subject === '5.2') return true;
  return r.code === 553 && !r.enhanced?.startsWith('5.7.');
}
