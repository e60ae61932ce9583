import type { CheckContext } from '../../harness/check.js';
import { simpleMessage } from '../../harness/dialog.js';
import type { Outcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';

// Helpers shared by the RFC 3030 checks.

/**
 * RFC 3030 §2: "BDAT <size>[ LAST]" CRLF and the chunk's octets go in one write - the client does
 * not wait for a reply between the command and its data - then the chunk's reply is read.
 */
export async function sendChunk(s: Session, chunk: Uint8Array | string, last: boolean): Promise<Outcome> {
  const octets = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : Buffer.from(chunk);
  await s.sendRaw(Buffer.concat([Buffer.from(`BDAT ${octets.length}${last ? ' LAST' : ''}\r\n`, 'latin1'), octets]));
  return s.read();
}

/** A small RFC 5322 message as octets (no dot-stuffing: BDAT content is sent as is). */
export function chunkMessage(ctx: CheckContext, body = 'smtpspec BDAT test message\r\n'): Buffer {
  return Buffer.from(simpleMessage(ctx, body), 'latin1');
}
