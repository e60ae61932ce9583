// Just enough RFC 5322 / MIME reading for the relay checks: split a delivered message into its
// header and body, read header fields, undo the content transfer encodings a relay may apply
// (RFC 2045 §6.7 quoted-printable, §6.8 base64).

export function splitMessage(content: Buffer): { header: Buffer; body: Buffer } {
  if (content.subarray(0, 2).toString('latin1') === '\r\n') return { header: Buffer.alloc(0), body: content.subarray(2) };
  const gap = content.indexOf('\r\n\r\n', 0, 'latin1');
  if (gap === -1) return { header: content, body: Buffer.alloc(0) };
  return { header: content.subarray(0, gap + 2), body: content.subarray(gap + 4) };
}

export interface HeaderField {
  readonly name: string;
  /** The field as it came, folding and the final CRLF included (latin1: one char per octet). */
  readonly raw: string;
  /** Unfolded value after the colon. */
  readonly value: string;
}

export function headerFields(header: Buffer): HeaderField[] {
  const fields: Array<{ name: string; raw: string; value: string }> = [];
  for (const line of header.toString('latin1').split(/(?<=\r\n)/)) {
    if (line === '') continue;
    const last = fields[fields.length - 1];
    if ((line.startsWith(' ') || line.startsWith('\t')) && last) {
      last.raw += line;
      last.value += line.replace(/\r\n$/, '');
      continue;
    }
    const colon = line.indexOf(':');
    fields.push({ name: colon === -1 ? line.trim() : line.slice(0, colon).trim(), raw: line, value: colon === -1 ? '' : line.slice(colon + 1).replace(/\r\n$/, '') });
  }
  return fields;
}

export function fieldValue(fields: readonly HeaderField[], name: string): string | undefined {
  return fields.find((f) => f.name.toLowerCase() === name.toLowerCase())?.value.trim();
}

export function decodeQuotedPrintable(body: Buffer): Buffer {
  const text = body.toString('latin1').replace(/=\r\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const hex = text.slice(i + 1, i + 3);
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else out.push(c.charCodeAt(0));
  }
  return Buffer.from(out);
}

/** The body decoded per its Content-Transfer-Encoding (7bit/8bit/binary: as it is). */
export function decodedBody(content: Buffer): { encoding: string; decoded: Buffer } {
  const { header, body } = splitMessage(content);
  const encoding = (fieldValue(headerFields(header), 'Content-Transfer-Encoding') ?? '7bit').toLowerCase();
  if (encoding === 'quoted-printable') return { encoding, decoded: decodeQuotedPrintable(body) };
  if (encoding === 'base64') return { encoding, decoded: Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64') };
  return { encoding, decoded: body };
}

/** Octets above 127, as a count. */
export function eightBitCount(data: Buffer): number {
  let n = 0;
  for (const b of data) if (b > 0x7f) n++;
  return n;
}
