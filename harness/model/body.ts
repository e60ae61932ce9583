import fc from 'fast-check';

// Message bodies for DATA (RFC 5321 §4.5.2 transparency, §4.5.3.1.6 line length, RFC 6152 8-bit
// data). A body is a list of lines, each a latin1 string (one character per octet) without its
// CRLF; it never contains CR or LF, so that the only line ends are the ones the wire format adds.

export type BodyLines = readonly string[];

/** Longest text line RFC 5321 §4.5.3.1.6 lets a client send: 1000 octets with the CRLF. */
export const MAX_LINE_OCTETS = 998;

const printable = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
const withTab = fc.oneof({ arbitrary: printable, weight: 20 }, { arbitrary: fc.constant('\t'), weight: 1 });
const eightBit = fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c));
const octet8 = fc.oneof({ arbitrary: withTab, weight: 3 }, { arbitrary: eightBit, weight: 1 });

function text(unit: fc.Arbitrary<string>, minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit, minLength, maxLength });
}

/** Lines of the kinds that break careless servers: leading dots, long lines, a lone dot. */
function line(unit: fc.Arbitrary<string>, long: boolean): fc.Arbitrary<string> {
  const kinds: Array<{ arbitrary: fc.Arbitrary<string>; weight: number }> = [
    { arbitrary: text(unit, 0, 76), weight: 6 },
    { arbitrary: fc.constantFrom('.', '..', '...'), weight: 1 },
    { arbitrary: text(unit, 0, 76).map((t) => `.${t}`), weight: 3 },
  ];
  if (long) {
    kinds.push(
      { arbitrary: text(unit, 77, MAX_LINE_OCTETS), weight: 2 },
      { arbitrary: text(unit, 76, MAX_LINE_OCTETS - 1).map((t) => `.${t}`), weight: 2 },
      { arbitrary: text(unit, MAX_LINE_OCTETS - 1, MAX_LINE_OCTETS - 1).map((t) => `.${t}`), weight: 1 },
      { arbitrary: text(unit, MAX_LINE_OCTETS, MAX_LINE_OCTETS), weight: 1 },
    );
  }
  return fc.oneof(...kinds);
}

export interface BodyOptions {
  readonly maxLines: number;
  /** Octets above 127 (only for BODY=8BITMIME, RFC 6152). */
  readonly eightBit: boolean;
  /** Lines up to 998 octets. */
  readonly long: boolean;
}

export function bodyArbitrary(opts: BodyOptions): fc.Arbitrary<BodyLines> {
  return fc.array(line(opts.eightBit ? octet8 : withTab, opts.long), { maxLength: opts.maxLines });
}

/** Replaces octets above 127 when the transaction did not negotiate 8BITMIME. */
export function sevenBit(lines: BodyLines): BodyLines {
  return lines.map((l) => l.replace(/[\x80-\xff]/g, '?'));
}

/** The octets a client sends after 354: each line dot-stuffed (§4.5.2) and CRLF-ended, then ".". */
export function wireContent(lines: BodyLines): Buffer {
  return Buffer.from(lines.map((l) => (l.startsWith('.') ? `.${l}` : l) + '\r\n').join(''), 'latin1');
}

export const END_OF_DATA = '.\r\n';

/** What the server must deliver for these lines: the lines with CRLF, no stuffing dots (§4.5.2). */
export function deliveredContent(lines: BodyLines): Buffer {
  return Buffer.from(lines.map((l) => `${l}\r\n`).join(''), 'latin1');
}
