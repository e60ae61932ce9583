import { describeOutcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { info, pass, type Verdict } from '../../harness/verdict.js';

// RFC 6533 §3: the "utf-8" address type of ORCPT, which carries a non-ASCII original recipient.
// Shared by the RFC 6533 check and rfc6531/3.2/dsn-orcpt-utf8 (RFC 6531 §3.2 makes a server with
// SMTPUTF8 and DSN implement RFC 6533). Not a check file: index.ts does not list it.

/** utf-8-addr-xtext of a string: non-ASCII characters as \x{HEX}. */
export function utf8AddrXtext(text: string): string {
  return [...text].map((c) => (c.codePointAt(0)! > 0x7f ? `\\x{${c.codePointAt(0)!.toString(16).toUpperCase()}}` : c)).join('');
}

/**
 * Sends RCPT TO:<rcpt> ORCPT=utf-8;<original> NOTIFY=FAILURE inside an open transaction: 250 or
 * 251 passes; anything else is recorded (what a refusal means is not verified, see the callers).
 */
export async function utf8OrcptAccepted(s: Session, rcpt: string, original: string, what: string): Promise<Verdict> {
  const reply = await s.send(`RCPT TO:<${rcpt}> ORCPT=utf-8;${original} NOTIFY=FAILURE`);
  const expected = ['250', '251'];
  const actual = describeOutcome(reply);
  if (reply.kind === 'reply' && (reply.code === 250 || reply.code === 251)) return pass(expected, actual);
  return info(expected, actual, `${what} was not accepted: ${actual}`);
}
