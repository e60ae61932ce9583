// What the relay sink records and how checks reach it. The sink is the downstream hop a target
// relays to (the smtp-sink -d / chasquid .verify pattern): what arrives here is what the target sent.

/** The sink's listeners, each a next hop with a different set of extensions. */
export type SinkProfile = 'full' | 'sevenBit' | 'noUtf8' | 'refuse' | 'bounce' | 'noDsn' | 'chunking';

export interface SinkRecipient {
  /** The path as sent, without the angle brackets, decoded as UTF-8. */
  readonly address: string;
  /** ESMTP parameters exactly as sent (e.g. "NOTIFY=NEVER"). */
  readonly params: readonly string[];
}

/** One transaction that reached the end of its data (accepted or not). */
export interface SinkTransaction {
  /** Increasing number, for ordering and "nothing new arrived" questions. */
  readonly seq: number;
  readonly profile: SinkProfile;
  /** When the final reply was sent (ms since the epoch). */
  readonly at: number;
  /** The EHLO/HELO argument of the session; undefined when the client sent neither. */
  readonly heloName: string | undefined;
  readonly heloVerb: 'EHLO' | 'HELO' | undefined;
  /** Reverse-path without the angle brackets; '' for the null path <>. */
  readonly mailFrom: string;
  readonly mailParams: readonly string[];
  /** Accepted recipients only. */
  readonly rcpts: readonly SinkRecipient[];
  /** RCPT commands the sink refused (refuse profile, reject-me@): their paths. */
  readonly refusedRcpts: readonly string[];
  /** Octets exactly as received after the 354, up to and including the final "." CRLF. */
  readonly raw: Buffer;
  /** The content after dot-unstuffing (RFC 5321 §4.5.2), the final "." line removed. */
  readonly content: Buffer;
  /** The sink's final reply code (250, or 552 when the data was too big). */
  readonly reply: number;
  /** Sizes of the BDAT chunks, in order, when the content came by BDAT (RFC 3030); undefined after DATA. */
  readonly chunks?: readonly number[];
}

/** One RCPT command as a sink listener saw it, accepted or refused, whether or not data followed. */
export interface SinkRcptSeen {
  readonly profile: SinkProfile;
  readonly address: string;
  readonly accepted: boolean;
  readonly at: number;
}

/** What a check gets in ctx.sink: where to send, and a bounded wait for what arrives. */
export interface SinkAccess {
  /** Recipient domains, one per profile: mail to them must reach that sink listener. */
  readonly domains: Readonly<Record<SinkProfile, string>>;
  /** The default wait for a relayed message or a bounce (--sink-wait). */
  readonly waitMs: number;
  /** The first recorded transaction (old or new) for which `pred` holds, or undefined after the wait. */
  waitFor(pred: (t: SinkTransaction) => boolean, timeoutMs?: number): Promise<SinkTransaction | undefined>;
  /** Every transaction still kept, oldest first. */
  transactions(): readonly SinkTransaction[];
}
