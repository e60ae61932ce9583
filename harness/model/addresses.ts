import fc from 'fast-check';

// Valid mailbox syntax of RFC 5321 §4.1.2 / §4.1.3 (with RFC 6531 §3.3 for UTF-8), as generators.
// Every value is valid: a server may refuse it for policy, never as malformed.

const ATEXT = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-/=?^_`{|}~";
const LET_DIG = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Letters outside ASCII (RFC 6531 UTF8-non-ascii), of 2, 3 and 4 octets. */
const UTF8_LETTERS = ['ü', 'é', 'ß', 'ø', 'ñ', 'δ', 'ж', 'ש', 'ع', 'क', '中', '文', '日', '𝒜', '😀'];

/** RFC 5321 §4.5.3.1.1: local parts of up to 64 octets must be accepted. */
export const MAX_LOCAL_PART = 64;
/** RFC 5321 §4.5.3.1.3: paths of up to 256 octets, angle brackets included. */
export const MAX_PATH = 256;
/** RFC 5321 §4.5.3.1.2: domains of up to 255 octets (only EHLO can carry that many, catalog ambiguity 12). */
export const MAX_DOMAIN = 255;
/** Labels of up to 63 octets (RFC 1035 §2.3.4, via RFC 5321 §2.3.5). */
export const MAX_LABEL = 63;

const octets = (s: string) => Buffer.byteLength(s, 'utf8');
const chars = (set: string | readonly string[]) => fc.constantFrom(...(typeof set === 'string' ? [...set] : set));

/** Dot-string = Atom *("." Atom), Atom = 1*atext. */
function dotString(unit: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .array(fc.string({ unit, minLength: 1, maxLength: 24 }), { minLength: 1, maxLength: 4 })
    .map((atoms) => atoms.join('.'))
    .filter((s) => octets(s) <= MAX_LOCAL_PART);
}

/** Quoted-string = DQUOTE *QcontentSMTP DQUOTE: qtextSMTP (%d32-33, %d35-91, %d93-126) or "\" %d32-126. */
const qtext = fc.integer({ min: 32, max: 126 }).filter((c) => c !== 34 && c !== 92).map((c) => String.fromCharCode(c));
const quotedPair = fc.integer({ min: 32, max: 126 }).map((c) => `\\${String.fromCharCode(c)}`);
const qcontent = fc.oneof({ arbitrary: qtext, weight: 6 }, { arbitrary: quotedPair, weight: 1 }, { arbitrary: chars([' ', '@', '"', '(', ',', ':']).map((c) => (c === '"' ? '\\"' : c)), weight: 2 });
const quotedString = fc
  .array(qcontent, { minLength: 1, maxLength: 40 })
  .map((parts) => `"${parts.join('')}"`)
  .filter((s) => octets(s) <= MAX_LOCAL_PART);

/** Local parts: dot-atoms, quoted strings, and a few at the 64-octet limit. */
export function localPart(utf8: boolean): fc.Arbitrary<string> {
  const unit = utf8 ? fc.oneof({ arbitrary: chars(ATEXT), weight: 3 }, { arbitrary: chars(UTF8_LETTERS), weight: 2 }) : chars(ATEXT);
  const atLimit = fc.string({ unit: chars(ATEXT), minLength: MAX_LOCAL_PART, maxLength: MAX_LOCAL_PART });
  return fc.oneof({ withCrossShrink: true }, { arbitrary: dotString(unit), weight: 5 }, { arbitrary: quotedString, weight: 3 }, { arbitrary: atLimit, weight: 1 });
}

/** sub-domain = Let-dig [Ldh-str]: letters, digits, inner hyphens; up to 63 octets. */
function label(maxLength = MAX_LABEL): fc.Arbitrary<string> {
  const edge = chars(LET_DIG);
  const inner = fc.oneof({ arbitrary: edge, weight: 6 }, { arbitrary: fc.constant('-'), weight: 1 });
  return fc
    .tuple(edge, fc.string({ unit: inner, maxLength: maxLength - 2 }), edge)
    .map(([a, mid, z]) => (mid === '' ? a : `${a}${mid}${z}`))
    // Hyphens in the 3rd and 4th place make a "reserved LDH label" (RFC 5890 §2.3.1, the xn-- form):
    // IDNA-aware servers rightly refuse it in an internationalized domain, so it is no valid example.
    .map((l) => (l[2] === '-' && l[3] === '-' ? `${l.slice(0, 3)}a${l.slice(4)}` : l));
}

/**
 * U-labels that are valid IDNA2008 (RFC 6531 §3.3 allows U-labels, not just any UTF-8): a random
 * mix of scripts would be a malformed domain a server may rightly refuse.
 */
const U_LABELS = ['bücher', 'münchen', 'españa', 'пример', 'δοκιμή', '例え', 'उदाहरण', 'דוגמה'];

/** A domain under `.test` (RFC 2606) of at most `max` octets; with `utf8`, maybe a U-label first. */
function domain(utf8: boolean, max: number, maxLabels = 4): fc.Arbitrary<string> {
  const uLabel = utf8 ? fc.option(chars(U_LABELS), { nil: undefined }) : fc.constant(undefined);
  return fc.tuple(uLabel, fc.array(label(), { minLength: 1, maxLength: maxLabels })).map(([u, labels]) => {
    const out = u === undefined ? [...labels] : [u, ...labels];
    while (out.length > 1 && octets(`${out.join('.')}.test`) > max) out.shift();
    const d = `${out.join('.')}.test`;
    return octets(d) <= max ? d : `${out[out.length - 1]!.slice(0, Math.max(1, max - 6)).replace(/-+$/, '')}.test`;
  });
}

/** Domains of 200 to 255 octets with labels of up to 63 (the EHLO argument, §4.5.3.1.2). */
export const longDomain: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 200, max: MAX_DOMAIN }), fc.array(label(), { minLength: 5, maxLength: 5 }))
  .map(([length, seeds]) => {
    const n = Math.ceil((length - '.test'.length + 1) / (MAX_LABEL + 1));
    const total = length - '.test'.length - (n - 1);
    return Array.from({ length: n }, (_, i) => {
      const size = Math.floor(total / n) + (i < total % n ? 1 : 0);
      const seed = seeds[i % seeds.length]!;
      return size === 1 ? seed[0]! : (seed + 'x'.repeat(MAX_LABEL)).slice(0, size - 1) + 'z';
    })
      .concat('test')
      .join('.');
  });

const hex = fc.integer({ min: 0, max: 0xffff }).chain((n) => fc.constantFrom(n.toString(16), n.toString(16).toUpperCase(), n.toString(16).padStart(4, '0')));
const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.'));

/**
 * RFC 5321 §4.1.3 IPv6 forms: IPv6-full (8 groups), IPv6-comp ("::" standing for at least two
 * groups, at most 6 others), IPv6v4-full (6 groups + IPv4), IPv6v4-comp (at most 4 others + IPv4).
 */
export const ipv6Literal: fc.Arbitrary<string> = fc.oneof(
  fc.array(hex, { minLength: 8, maxLength: 8 }).map((g) => g.join(':')),
  fc.tuple(fc.array(hex, { maxLength: 6 }), fc.array(hex, { maxLength: 6 })).filter(([a, b]) => a.length + b.length <= 6).map(([a, b]) => `${a.join(':')}::${b.join(':')}`),
  fc.tuple(fc.array(hex, { minLength: 6, maxLength: 6 }), ipv4).map(([g, v4]) => `${g.join(':')}:${v4}`),
  fc.tuple(fc.array(hex, { maxLength: 4 }), fc.array(hex, { maxLength: 4 }), ipv4).filter(([a, b]) => a.length + b.length <= 4).map(([a, b, v4]) => `${a.join(':')}::${b.map((x) => `${x}:`).join('')}${v4}`),
).map((a) => `[IPv6:${a}]`);

export const addressLiteral: fc.Arbitrary<string> = fc.oneof(ipv4.map((a) => `[${a}]`), ipv6Literal);

export interface AddressCase {
  /** EHLO argument: a domain of up to 255 octets or an address literal. */
  readonly ehlo: string;
  /** Reverse-path mailbox (without the brackets), at most 254 octets so that the path fits 256. */
  readonly sender: string;
  /** Local part of a recipient at the target's local domain. */
  readonly recipientLocal: string;
  /** The case uses UTF-8 (RFC 6531): MAIL carries SMTPUTF8. */
  readonly utf8: boolean;
}

/** `utf8`: whether the target advertises SMTPUTF8, so that UTF-8 mailboxes may be generated. */
export function addressCase(utf8Offered: boolean, localDomain: string): fc.Arbitrary<AddressCase> {
  const utf8 = utf8Offered ? fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, fc.constant(true)) : fc.constant(false);
  return utf8.chain((u) =>
    fc.record({
      ehlo: fc.oneof({ withCrossShrink: true }, { arbitrary: domain(false, MAX_DOMAIN), weight: 3 }, { arbitrary: longDomain, weight: 1 }, { arbitrary: addressLiteral, weight: 1 }),
      sender: localPart(u).chain((local) =>
        fc.oneof({ withCrossShrink: true }, { arbitrary: domain(u, MAX_PATH - 3 - octets(local)), weight: 3 }, { arbitrary: addressLiteral, weight: 2 }).map((d) => `${local}@${d}`),
      ),
      recipientLocal: localPart(u).filter((l) => octets(`<${l}@${localDomain}>`) <= MAX_PATH),
      utf8: fc.constant(u),
    }),
  );
}
