// Renders octets for a human: printable ASCII as is, everything else escaped, so that a bare LF,
// a NUL or an 8-bit octet in a transcript is as visible as it was on the wire.
export function escapeBytes(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    if (b === 0x0d) out += '\\r';
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x09) out += '\\t';
    else if (b === 0x5c) out += '\\\\';
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += '\\x' + b.toString(16).padStart(2, '0');
  }
  return out;
}

/** Splits at CRLF boundaries (keeping them) so that a transcript shows one wire line per entry. */
export function splitLinesKeepEnds(bytes: Uint8Array): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    // Only CRLF ends a line (RFC 5321 §2.3.8): a bare LF stays inside the line, visible as \n.
    if (bytes[i] === 0x0a && i > 0 && bytes[i - 1] === 0x0d) {
      parts.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) parts.push(bytes.subarray(start));
  return parts;
}
