// What the one fake SMTP server of the tests can be told. By default it answers like a conforming
// ESMTP server; each option either scripts it (`answer`, `greeting`, `linesOnly`) or switches on one
// deliberate bug or policy, so that a check can be shown to FAIL on the broken variant and PASS on
// the conforming one, independent of the reference server.

/**
 * A reply to a command line: reply text (CRLF between lines, none at the end), null for silence,
 * `{ reply, close: true }` to reply and then close, or 'CLOSE' to hang up without a word.
 */
export type Answer = string | null | { reply: string; close: true } | 'CLOSE';

export interface FakeSmtpOptions {
  /** The greeting line; null greets with nothing. */
  greeting?: string | null;
  /** Answer for a command line before the conforming server sees it; undefined falls back to it. */
  answer?: (line: string) => Answer | undefined;
  /**
   * A line-based server that never reads message data: every line, the data after a 354 and BDAT
   * chunks included, goes to `answer` and the conforming server as a command line.
   */
  linesOnly?: boolean;
  /** EHLO keyword lines. */
  keywords?: readonly string[];

  // Line framing.
  /** Bug: command lines also end at a bare LF (RFC 5321 §2.3.8). */
  bareLf?: boolean;
  /** Bug (if below 512 + the parameters' lengths): command lines longer than this get 500. */
  maxCommandLine?: number;

  // The message data.
  /** Whether a data line ends the data; the conforming rule is `line === '.'`. */
  endsData?: (line: string) => boolean;
  /** Bug: CR, LF and CRLF all count as line ends around the ending dot. */
  anyNewlineEndsData?: boolean;
  /** Bug: a bare CR or LF in the data is accepted (a correct server here refuses with 550). */
  acceptBareInData?: boolean;
  /** At the first bare CR or LF in the data: 421 at once, then close (as Sendmail does) or, a bug, stay open reading commands. */
  bareInData421?: 'close' | 'stay-open';
  /** Reply (or replies) to the end of data instead of the conforming one. */
  dataReply?: string | string[];

  // The envelope.
  /** A server without MAIL extensions: MAIL must be exactly `FROM:<path>`, anything else gets 555. */
  noMailParameters?: boolean;
  /** Bug: any BODY value is accepted. */
  ignoreBody?: boolean;
  /** Bug: non-ASCII addresses are accepted without SMTPUTF8. */
  utf8WithoutParameter?: boolean;
  /** Policy: RCPT takes any recipient, in any domain and any form (the default takes only @fake.test). */
  anyRecipient?: boolean;
  /** Policy: MAIL needs authentication (530 to MAIL, right) or RCPT is refused instead (554 5.7.1). */
  requireAuth?: 'mail' | 'rcpt';

  // Other commands.
  /** VRFY not implemented (500). */
  noVrfy?: boolean;
  /** AUTH not implemented (500); by default AUTH works whether EHLO lists it or not. */
  noAuth?: boolean;
  /** Bug: leave the connection open after an answer that closes it (the 221 to QUIT). */
  quitKeepsOpen?: boolean;
  /** Bug: enhanced status codes left out of every reply ('always') or after HELO ('after-helo'). */
  plainReplies?: 'always' | 'after-helo';

  // AUTH (auth.ts).
  /** Code for a "*" cancellation (501 is right). */
  cancelCode?: number;
  /** LOGIN challenges as sent after "334 " (base64 is right). */
  loginPrompts?: readonly [string, string];
  /** Bug: the empty initial response "=" is refused as invalid base64. */
  emptyResponseIsBadBase64?: boolean;
}
