// SASL encodings for AUTH (RFC 4954 §4) with the PLAIN (RFC 4616) and LOGIN mechanisms.

export interface Credentials {
  readonly user: string;
  readonly pass: string;
}

export type SaslMechanism = 'PLAIN' | 'LOGIN';

export function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** RFC 4616 §2: message = [authzid] UTF8NUL authcid UTF8NUL passwd */
export function plainResponse(c: Credentials): string {
  return base64(`\0${c.user}\0${c.pass}`);
}

/** Every form in which a credential can appear on the wire, for the transcript's redaction. */
export function credentialSecrets(c: Credentials): string[] {
  const secrets = [c.pass, base64(c.pass), plainResponse(c), base64(c.user)];
  // A very short user name would redact ordinary words; the password is what must never leak.
  if (c.user.length >= 3) secrets.push(c.user);
  return secrets.filter((s) => s.length > 0);
}
