import type { CheckContext } from '../../harness/check.js';
import { handshake, mailFrom, rcptTo, sendData, simpleMessage } from '../../harness/dialog.js';
import { describeOutcome } from '../../harness/session/outcome.js';
import type { Session } from '../../harness/session/session.js';
import { required } from '../../harness/setup.js';
import { pass, violation, type Verdict } from '../../harness/verdict.js';

// Shared by the checks about what an SMTP server must not judge in the content (RFC 5321 §3.3,
// §3.7.2, §4.5.3.1.7): a plain message first, which must get 250 (else the server refuses all mail
// and the probe would mean nothing), then the probe message on the same connection.

/** Delivers a plain message (required 250), then `content`; grades the reply to the probe's final dot. */
export async function contentProbe(s: Session, ctx: CheckContext, content: string, what: string): Promise<Verdict> {
  await handshake(s, ctx);
  await mailFrom(s, ctx);
  await rcptTo(s, ctx);
  required(await sendData(s, simpleMessage(ctx, 'baseline message\r\n')), 'a plain message (baseline)', [250]);
  await mailFrom(s, ctx);
  await rcptTo(s, ctx);
  const reply = await sendData(s, content);
  const expected = ['250 (as for the plain message before it)'];
  const actual = describeOutcome(reply);
  if (reply.kind === 'reply' && reply.code === 250) return pass(expected, actual);
  return violation(expected, actual, `the server accepted a plain message but refused one with ${what}: ${actual}`);
}

/** An RFC 5322 date for header fields. */
export function headerDate(): string {
  return new Date().toUTCString().replace('GMT', '+0000');
}
