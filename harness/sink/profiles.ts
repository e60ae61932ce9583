import type { SinkProfile } from './types.js';

// The sink's listeners. Each is a next hop with a different set of extensions, on a loopback port
// of its own, so that a target routes to it by recipient domain with an ordinary transport map.

export interface ProfileSpec {
  readonly domain: string;
  /** EHLO keywords after the greeting line. */
  readonly keywords: readonly string[];
  /** Every RCPT gets 550 5.1.1 (a hop that refuses the recipient after the target accepted it). */
  readonly refuseAll: boolean;
  /** Takes BDAT (RFC 3030 CHUNKING): chunks are read by count and recorded with their sizes. */
  readonly chunking?: boolean;
}

/** Largest message the sink keeps; advertised with SIZE (RFC 1870). */
export const SINK_MAX_MESSAGE = 10 * 1024 * 1024;

const FULL = ['8BITMIME', 'SMTPUTF8', 'PIPELINING', 'DSN', 'ENHANCEDSTATUSCODES', `SIZE ${SINK_MAX_MESSAGE}`];

export const PROFILES: Readonly<Record<SinkProfile, ProfileSpec>> = {
  full: { domain: 'sink.test', keywords: FULL, refuseAll: false },
  // RFC 6152 §3 and RFC 6531 §3.2 are about hops without these: the target must convert or bounce.
  sevenBit: { domain: '7bit.sink.test', keywords: ['PIPELINING', 'DSN', 'ENHANCEDSTATUSCODES', `SIZE ${SINK_MAX_MESSAGE}`], refuseAll: false },
  noUtf8: { domain: 'noutf8.sink.test', keywords: ['8BITMIME', 'PIPELINING', 'DSN', 'ENHANCEDSTATUSCODES', `SIZE ${SINK_MAX_MESSAGE}`], refuseAll: false },
  refuse: { domain: 'refuse.sink.test', keywords: FULL, refuseAll: true },
  // Bounces (null reverse-path DSNs) to the harness's sender domain.
  bounce: { domain: 'bounce.test', keywords: FULL, refuseAll: false },
  // Added after the first five so that --sink-ports keeps their ports. RFC 3461 §5.2.2 is about a
  // next hop without DSN: the relay must drop the parameters and report "relayed" itself.
  noDsn: { domain: 'nodsn.sink.test', keywords: FULL.filter((k) => k !== 'DSN'), refuseAll: false },
  // RFC 3030: a hop that takes BDAT and binary content, so that a relay need not re-encode.
  chunking: { domain: 'chunking.sink.test', keywords: [...FULL, 'CHUNKING', 'BINARYMIME'], refuseAll: false, chunking: true },
};

export const PROFILE_NAMES = Object.keys(PROFILES) as SinkProfile[];

/** In every profile this one mailbox is refused, as the catalog's scripted per-recipient failure. */
export const REJECT_ME = 'reject-me';
