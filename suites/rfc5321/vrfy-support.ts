import type { Outcome } from '../../harness/session/outcome.js';
import { isFqdnOrAddressLiteral } from './support.js';

// Helpers for the VRFY/EXPN checks (RFC 5321 §3.5, §4.1.1.6-4.1.1.8, §7.3) and the checks about
// which optional commands a server implements (§4.1.1.1, §4.2.4).

/**
 * Whether the reply says "this command is not implemented here": 500, 502, 521 (RFC 7504), or a
 * 503 whose text says the command was not advertised or is not enabled (Exim's "used when not
 * advertised", Postfix's "authentication not enabled"). Any other reply means it is implemented.
 */
export function saysNotImplemented(o: Outcome): boolean {
  if (o.kind !== 'reply') return false;
  if ([500, 502, 521].includes(o.code)) return true;
  return o.code === 503 && /not (?:been )?(?:advertised|enabled|implemented|supported|available)|disabled/i.test(o.lines.join(' '));
}

/**
 * The mailbox a 250 reply to VRFY names (§3.5.1): `User Name <local@domain>` or `local@domain`,
 * with a fully-qualified domain; undefined when the text names none.
 */
export function mailboxInText(lines: readonly string[]): { mailbox: string; bracketed: boolean } | undefined {
  for (const line of lines) {
    for (const m of line.matchAll(/<([^<>\s]+)@([^<>\s]+)>/g)) {
      if (isFqdnOrAddressLiteral(m[2]!)) return { mailbox: `${m[1]}@${m[2]}`, bracketed: true };
    }
    for (const token of line.split(/\s+/)) {
      const at = token.lastIndexOf('@');
      if (at > 0 && isFqdnOrAddressLiteral(token.slice(at + 1))) return { mailbox: token, bracketed: false };
    }
  }
  return undefined;
}
