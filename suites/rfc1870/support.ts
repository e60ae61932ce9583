import type { Session } from '../../harness/session/session.js';

// Pieces the RFC 1870 checks share. Not a check file: index.ts does not list it.

/**
 * The fixed limit announced with `SIZE <n>` (RFC 1870 §3): a number, 0 for "no fixed limit", or
 * undefined when SIZE came without a (numeric) value.
 */
export function advertisedLimit(s: Session): number | undefined {
  const [value, ...rest] = s.params('SIZE') ?? [];
  if (value === undefined || rest.length > 0 || !/^\d{1,20}$/.test(value)) return undefined;
  return Number(value);
}

/** `lines` lines of 78 octets + CRLF: mail data of exactly `80 * lines` octets, no dots to stuff. */
export function filler(octets: number, tag: string): Buffer {
  const line = Buffer.from(`${tag} ${'x'.repeat(Math.max(0, 77 - tag.length))}\r\n`, 'latin1');
  const count = Math.ceil(octets / line.length);
  return Buffer.concat(Array.from({ length: count }, () => line));
}
