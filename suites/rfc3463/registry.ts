// A dated snapshot of the IANA "SMTP Enhanced Status Codes" registry (RFC 3463, RFC 5248): the
// subject.detail pairs registered. The registry also names an "associated basic status code" for
// each entry, but that is one customary pairing, not the list of allowed ones, so smtpspec does
// not judge pairings (the class is RFC 2034's, checked by rfc2034/4/class-matches). Compiled from
// RFC 3463 §3 and the registrations of RFC 3886, 4468, 4954, 5248, 6531, 6710, 7293, 7372, 7505,
// 8617 and 8689; the registry is append-only, so a code missing here may be newer than the
// snapshot (hence grade info).

export const ENHANCED_REGISTRY_SNAPSHOT = 'RFC 3463/5248 registrations up to RFC 8689 (2019)';

/** Registered subject.detail pairs (the class is free: 2, 4 or 5). */
export const REGISTERED_SUBJECT_DETAIL: ReadonlySet<string> = new Set([
  '0.0',
  // X.1 addressing status
  ...range(1, 0, 10),
  // X.2 mailbox status
  ...range(2, 0, 4),
  // X.3 mail system status
  ...range(3, 0, 6),
  // X.4 network and routing status
  ...range(4, 0, 7),
  // X.5 mail delivery protocol status
  ...range(5, 0, 6),
  // X.6 message content or media status
  ...range(6, 0, 10),
  // X.7 security or policy status
  ...range(7, 0, 30),
]);

function range(subject: number, from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => `${subject}.${from + i}`);
}
