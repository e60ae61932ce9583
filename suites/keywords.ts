import type { Reply } from '../harness/session/outcome.js';

// EHLO keyword helpers shared by the RFC 1869, 6152, 6531 and 4954 checks, and a dated snapshot
// of the IANA "SMTP Service Extensions" registry.

/**
 * EHLO keywords of the IANA "SMTP Service Extensions" registry (RFC 5321 §2.2.2, §8), compiled
 * 2025 from the registry as enumerated in January 2024 (go-smtp issue #248 links the registry and
 * lists its entries) plus the RFC 821 verbs the registry carries. The registry is append-only in
 * practice; a keyword missing here may be newer than the snapshot, which is why an unregistered
 * keyword is graded warn, never fail.
 */
export const IANA_SMTP_EXTENSIONS_SNAPSHOT_DATE = '2024-01-18';

export const IANA_SMTP_EXTENSIONS: ReadonlySet<string> = new Set([
  // RFC 821 verbs listed in the registry (SEND/SOML/SAML/TURN deprecated by RFC 2821).
  'SEND', 'SOML', 'SAML', 'EXPN', 'HELP', 'TURN',
  '8BITMIME', // RFC 6152
  'SIZE', // RFC 1870
  'VERB', // historical: verbose
  'ONEX', // historical: one message transaction only
  'CHUNKING', 'BINARYMIME', // RFC 3030
  'CHECKPOINT', // RFC 1845
  'DELIVERBY', // RFC 2852
  'PIPELINING', // RFC 2920
  'DSN', // RFC 3461
  'ETRN', // RFC 1985
  'ENHANCEDSTATUSCODES', // RFC 2034
  'STARTTLS', // RFC 3207
  'NO-SOLICITING', // RFC 3865
  'MTRK', // RFC 3885
  'ATRN', // RFC 2645
  'AUTH', // RFC 4954
  'BURL', // RFC 4468
  'FUTURERELEASE', // RFC 4865
  'CONPERM', 'CONNEG', // RFC 4141
  'SMTPUTF8', // RFC 6531
  'MT-PRIORITY', // RFC 6710
  'RRVS', // RFC 7293
  'REQUIRETLS', // RFC 8689
  'LIMITS', // RFC 9422
]);

/**
 * Keywords never flagged whatever the snapshot says: RFC 5321 §3.5.2 lets a server list VRFY as a
 * convenience although VRFY is a base command.
 */
export const ALWAYS_ACCEPTED_KEYWORDS: ReadonlySet<string> = new Set(['VRFY']);

/** RFC 5321 §4.1.1.1 / RFC 1869 §4.3: ehlo-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-"). */
export const EHLO_KEYWORD = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
/** ehlo-param = 1*(%d33-126): printable, no SP, no controls. */
export const EHLO_PARAM = /^[\x21-\x7e]+$/;
/** RFC 4422 §3.1 / RFC 4954 §8: sasl-mech = 1*20 (UPPER-ALPHA / DIGIT / "-" / "_"). */
export const SASL_MECH = /^[A-Z0-9_-]{1,20}$/;

export interface EhloLine {
  /** The line's text as received (after `250-`/`250 `). */
  readonly text: string;
  /** First token as written (not upper-cased). */
  readonly keyword: string;
  readonly params: readonly string[];
}

/** The keyword lines of an EHLO reply (all lines but the first), split on single spaces. */
export function ehloLines(reply: Reply): EhloLine[] {
  return reply.lines.slice(1).map((text) => {
    const [keyword = '', ...params] = text.split(' ');
    return { text, keyword, params };
  });
}

/**
 * The pre-standard `AUTH=PLAIN LOGIN` line that servers add for very old Outlook clients. It is
 * not a valid ehlo-keyword (`=` is outside the alphabet); the catalog grades it warn, not fail.
 */
export function isLegacyAuthLine(line: EhloLine): boolean {
  return /^AUTH=/i.test(line.text);
}

/** Grammar problems of one keyword line (empty when it follows ehlo-line). */
export function ehloLineProblems(line: EhloLine): string[] {
  const problems: string[] = [];
  if (!EHLO_KEYWORD.test(line.keyword)) problems.push(`keyword ${JSON.stringify(line.keyword)} is outside the ehlo-keyword alphabet`);
  for (const p of line.params) {
    if (p === '') problems.push(`parameters of ${line.keyword} are not separated by single spaces (or a space trails)`);
    else if (!EHLO_PARAM.test(p)) problems.push(`parameter ${JSON.stringify(p)} of ${line.keyword} contains characters outside %d33-126`);
  }
  return [...new Set(problems)];
}

/** Registered, private (X…) or always accepted: a keyword the server may advertise. */
export function keywordStanding(keyword: string): 'registered' | 'private' | 'accepted' | 'unregistered' {
  const k = keyword.toUpperCase();
  if (ALWAYS_ACCEPTED_KEYWORDS.has(k)) return 'accepted';
  if (IANA_SMTP_EXTENSIONS.has(k)) return 'registered';
  if (k.startsWith('X')) return 'private';
  return 'unregistered';
}

/** The SASL mechanism smtpspec drives with real or bogus credentials: PLAIN if offered, else LOGIN. */
export function pickPasswordMechanism(mechanisms: readonly string[] | undefined): 'PLAIN' | 'LOGIN' | undefined {
  const upper = (mechanisms ?? []).map((m) => m.toUpperCase());
  if (upper.includes('PLAIN')) return 'PLAIN';
  if (upper.includes('LOGIN')) return 'LOGIN';
  return undefined;
}
